import type { GatewayRuntime } from "@graphql-hive/gateway-runtime";
import type http from "node:http";
import { FILES_PATH_PREFIX } from "./paths.js";
import { logger, safeError, UsedTickets, verifyFileTicket, type FileDocument, type Identity } from "@marugoto/shared/core";
import { runAs } from "./internal.js";
import { MINUTES_QUERY, renderMinutesPdf, type MinutesData } from "./minutes-pdf.js";
import { renderCsv, renderReportXlsx, REPORT_QUERY, reportSheets, type ReportData } from "./report-xlsx.js";
import { fiscalYearLabel } from "./japanese.js";
import type { RateLimiter } from "../security.js";

interface File {
  body: Buffer;
  fileName: string;
  contentType: string;
}

function send(res: http.ServerResponse, status: number, message: string, code: string, retryAfter?: number): void {
  res
    .writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...(retryAfter ? { "retry-after": String(retryAfter) } : {}),
    })
    .end(JSON.stringify({ error: { code, message } }));
}

function failOnErrors(errors: { message: string; extensions?: Record<string, unknown> }[] | undefined): void {
  if (errors?.length)
    throw new Error(`the graph answered with errors: ${errors.map((e) => String(e.extensions?.code ?? e.message)).join(", ")}`);
}

/** Builds the ticket's document by asking the graph as the ticket's holder; null when the graph shows nothing. */
async function build(runtime: GatewayRuntime<never>, identity: Identity, doc: FileDocument): Promise<File | null> {
  if (doc.kind === "minutes") {
    const result = await runAs<MinutesData>(runtime, identity, MINUTES_QUERY, "MinutesFile", { id: doc.meetingId });
    // A partial answer (a subgraph away) would make a document that looks complete: none at all.
    failOnErrors(result.errors);
    const meeting = result.data?.meeting;
    if (!meeting?.minutes) return null;
    const date = meeting.startsAt.slice(0, 10);
    return {
      body: await renderMinutesPdf(meeting),
      fileName: `議事録_${meeting.body.name}_${date}${meeting.minutes.status === "APPROVED" ? "" : "（案）"}.pdf`,
      contentType: "application/pdf",
    };
  }
  const result = await runAs<ReportData>(runtime, identity, REPORT_QUERY, "FiscalYearReportFile", { fy: doc.fiscalYear });
  failOnErrors(result.errors);
  const report = result.data?.fiscalYearReport;
  if (!report) return null;
  const name = `年度実績_${fiscalYearLabel(report.fiscalYear)}`;
  if (doc.format === "xlsx")
    return {
      body: await renderReportXlsx(report),
      fileName: `${name}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  const sheet = reportSheets(report).find((s) => s.section === doc.section);
  return sheet ? { body: renderCsv(sheet), fileName: `${name}_${sheet.name}.csv`, contentType: "text/csv; charset=utf-8" } : null;
}

/**
 * `GET /files/<ticket>`: a download ticket's file. The ticket is checked (signature, expiry, single
 * use), then the file is built by running the graph as the ticket's holder: the same rights, limits
 * and audit as any of their operations.
 */
export function fileRoute(runtime: GatewayRuntime<never>, secret: string, failures: RateLimiter) {
  const used = new UsedTickets();
  return async (pathname: string, res: http.ServerResponse, address: string): Promise<void> => {
    // Bad tickets count as failed authentications of the address, as bad tokens do.
    const wait = failures.peek(address);
    if (wait) return send(res, 429, `失敗が多すぎます。${wait}秒後に再試行してください。`, "RATE_LIMITED", wait);
    const verified = verifyFileTicket(pathname.slice(FILES_PATH_PREFIX.length), secret);
    if (!verified.ok) {
      // An expired link is one that was genuine (its signature holds): a late click, not a guess.
      if (verified.reason !== "expired") failures.take(address);
      if (verified.reason === "expired")
        return send(res, 410, "ダウンロード用URLの有効期限が切れています。もう一度発行してください。", "TICKET_EXPIRED");
      return send(res, 403, "ダウンロード用URLが正しくありません。", "TICKET_INVALID");
    }
    if (!used.use(verified.nonce, verified.expiresAt))
      return send(res, 410, "このダウンロード用URLは使用済みです。もう一度発行してください。", "TICKET_USED");
    const file = await build(runtime, verified.identity, verified.doc).catch((error: unknown) => {
      logger.error("file build failed", { error: safeError(error) });
      return undefined;
    });
    if (file === undefined)
      return send(res, 503, "ファイルを作成できませんでした。しばらくしてから、もう一度発行してください。", "FILE_UNAVAILABLE");
    if (!file) return send(res, 404, "ファイルの内容が見つからないか、閲覧の権限がありません。", "NOT_FOUND");
    res
      .writeHead(200, {
        "content-type": file.contentType,
        "content-length": String(file.body.length),
        "content-disposition": `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      })
      .end(file.body);
  };
}
