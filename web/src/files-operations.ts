import { graphql } from "./gql/index.js";

/** The print page's minutes: what the minutes PDF shows, read as the signed-in organisation. */
export const MinutesPrint = graphql(`
  query MinutesPrint($id: ID!) {
    meeting(id: $id) {
      id title startsAt endsAt place confidential status
      body { name }
      members { role attendance organization { name } }
      agenda {
        id position kind title description redacted
        case { caseNumber }
        presenter { name }
        decisions { id content }
        actionItems { id title assigneePerson dueDate status assignee { name } }
      }
      minutes { content status nextReviewDate approvedAt approvedBy { name } }
    }
  }
`);

export const RequestMinutesFile = graphql(`
  mutation RequestMinutesFile($id: ID!) {
    requestMinutesFile(meetingId: $id) { link { url fileName expiresAt } userErrors { code message } }
  }
`);

export const RequestReportFile = graphql(`
  mutation RequestReportFile($fy: Int!, $format: ReportFileFormat!, $section: ReportSection) {
    requestFiscalYearReportFile(fiscalYear: $fy, format: $format, section: $section) { link { url fileName expiresAt } userErrors { code message } }
  }
`);

export const ChartFigures = graphql(`
  query ChartFigures($from: String!, $to: String!, $fy: Int!) {
    hubCoverageHistory { fiscalYear hubs districtsWithHub goal }
    hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }
    fiscalYearReport(fiscalYear: $fy) { fiscalYear label consultationsByMonth { month source consultations { value display suppressed } } }
    actionItemTally { organization { code name } open overdue done }
  }
`);

export const CalendarFeeds = graphql(`
  query CalendarFeeds {
    calendarFeeds { id label createdAt revokedAt }
  }
`);

export const CreateCalendarFeed = graphql(`
  mutation CreateCalendarFeed($label: String!) {
    createCalendarFeed(label: $label) { feed { id label createdAt revokedAt } url userErrors { code message } }
  }
`);

export const RevokeCalendarFeed = graphql(`
  mutation RevokeCalendarFeed($id: ID!) {
    revokeCalendarFeed(id: $id) { feed { id revokedAt } userErrors { code message } }
  }
`);
