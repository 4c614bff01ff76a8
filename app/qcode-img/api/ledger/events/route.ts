import { IngestError, readJsonCapped, withIngestToken } from "@/lib/api/with-ingest-token";
import { ingestBatchSchema, ingestEvents, MAX_INGEST_BODY_BYTES, MAX_INGEST_EVENTS } from "@/lib/ledger/ingest";

export const dynamic = "force-dynamic";

/** Batch ingest of calls other gateways saw (chat calls, imports): see lib/ledger/ingest.ts. */
export const POST = withIngestToken(async ({ req, db, now }) => {
  const raw = await readJsonCapped(req, MAX_INGEST_BODY_BYTES);
  const body = ingestBatchSchema.safeParse(raw);
  if (!body.success) {
    const issue = body.error.issues[0]!;
    if (issue.code === "too_big") {
      const got = (raw as { events: unknown[] }).events.length;
      throw new IngestError(400, "too_many_events", `At most ${MAX_INGEST_EVENTS.toLocaleString("en-US")} events per request, got ${got.toLocaleString("en-US")}: split the batch`);
    }
    throw new IngestError(400, "invalid_body", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return Response.json(await ingestEvents(db, body.data.events, now));
});
