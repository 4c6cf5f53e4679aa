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
      minutes { content status nextReviewDate approvedAt }
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
  query ChartFigures($from: String!, $to: String!) {
    hubCoverageHistory { fiscalYear hubs districtsWithHub goal }
    hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }
  }
`);
