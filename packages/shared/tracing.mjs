/**
 * OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter also reads the
 * other standard OTEL_EXPORTER_OTLP_* variables, e.g. headers). Loaded before the process's own code, so the HTTP server and client, fetch and pg are
 * instrumented from the start:
 *
 *   NODE_OPTIONS=--import=@marugoto/shared/tracing OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 npm start
 *
 * Spans: every HTTP request served and made (the gateway's calls to subgraphs carry `traceparent`,
 * so one trace runs from the gateway through each subgraph) and every SQL statement — the statement
 * text with its placeholders, never its values. Exported by OTLP over HTTP. Log lines carry the
 * trace id (packages/shared/src/logger.ts).
 */
import { register } from "node:module";

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { createAddHookMessageChannel } = await import("import-in-the-middle");
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  // ESM imports of these modules are seen too; every other module loads untouched.
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url, {
    ...registerOptions,
    data: { ...registerOptions.data, include: ["pg", "pg-pool", "http", "node:http", "https", "node:https", "undici"] },
  });

  const { context, propagation, trace } = await import("@opentelemetry/api");
  const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
  const { W3CTraceContextPropagator } = await import("@opentelemetry/core");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  const { BatchSpanProcessor, TracerProvider } = await import("@opentelemetry/sdk-trace");
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  const { registerInstrumentations } = await import("@opentelemetry/instrumentation");
  const { HttpInstrumentation } = await import("@opentelemetry/instrumentation-http");
  const { UndiciInstrumentation } = await import("@opentelemetry/instrumentation-undici");
  const { PgInstrumentation } = await import("@opentelemetry/instrumentation-pg");

  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.SERVICE_NAME ?? "marugoto" }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 1000 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    instrumentations: [
      // Probes and scrapes are not traced; the exporter's own calls are not either. Nor are feed and
      // download URLs: the path is the credential (a calendar token, a ticket), and spans keep paths.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|healthcheck|readiness|metrics|calendars|files)\b/.test(req.url ?? ""),
        ignoreOutgoingRequestHook: (options) => String(options.path ?? "").startsWith("/v1/traces"),
      }),
      new UndiciInstrumentation({
        ignoreRequestHook: (request) => request.path.startsWith("/v1/traces") || /\/health\b/.test(request.path),
      }),
      // The statement with its placeholders; parameter values stay out of spans.
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  await waitForAllMessagesAcknowledged();
  const flush = () => provider.shutdown().catch(() => undefined);
  process.once("beforeExit", flush);
  for (const signal of ["SIGTERM", "SIGINT"]) process.prependListener(signal, () => void provider.forceFlush().catch(() => undefined));
}
