-- Webhooks: endpoints registered by admins, the outbox of events (written in the transaction of
-- the change), one delivery per event and endpoint, and every attempt at it (the delivery log).
-- Times are timestamptz: the worker compares them with now() whatever the session's time zone.

CREATE TABLE "WebhookEndpoint" (
  "id" SERIAL PRIMARY KEY,
  "url" TEXT NOT NULL,
  -- Standard Webhooks secret (whsec_ + base64): the server signs with it, so it is kept as is.
  "secret" TEXT NOT NULL,
  "events" TEXT[] NOT NULL,
  "locales" "Locale"[] NOT NULL,
  "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
  "disabledAt" TIMESTAMPTZ(3),
  "disabledReason" TEXT,
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "OutboxEvent" (
  "id" SERIAL PRIMARY KEY,
  -- What receivers deduplicate on (the webhook-id header and data.eventId).
  "publicId" UUID NOT NULL DEFAULT gen_random_uuid(),
  "type" TEXT NOT NULL,
  "articleId" INTEGER NOT NULL,
  "slug" TEXT NOT NULL,
  "locale" "Locale",
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- Deliver not before: an embargoed release is recorded at once and delivered at its instant.
  "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "OutboxEvent_publicId_key" ON "OutboxEvent"("publicId");

CREATE TABLE "WebhookDelivery" (
  "id" SERIAL PRIMARY KEY,
  "eventId" INTEGER NOT NULL REFERENCES "OutboxEvent"("id") ON DELETE CASCADE,
  "endpointId" INTEGER NOT NULL REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  -- When a worker may next take it: the event availableAt, then the retry time: while a worker
  -- holds it, the end of its lease (a worker killed mid-request lets it become due again).
  "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
  "deliveredAt" TIMESTAMPTZ(3),
  -- Set when the attempts ran out: no more tries.
  "failedAt" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "WebhookDelivery_eventId_endpointId_key" ON "WebhookDelivery"("eventId", "endpointId");
-- The worker's claim: pending deliveries, the most overdue first.
CREATE INDEX "WebhookDelivery_pending_idx" ON "WebhookDelivery"("nextAttemptAt") WHERE "deliveredAt" IS NULL AND "failedAt" IS NULL;
CREATE INDEX "WebhookDelivery_endpointId_idx" ON "WebhookDelivery"("endpointId");

CREATE TABLE "WebhookAttempt" (
  "id" SERIAL PRIMARY KEY,
  "deliveryId" INTEGER NOT NULL REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE,
  "endpointId" INTEGER NOT NULL REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE,
  -- Which attempt at the delivery, from 1.
  "attempt" INTEGER NOT NULL,
  "statusCode" INTEGER,
  "error" TEXT,
  "startedAt" TIMESTAMPTZ(3) NOT NULL,
  "durationMs" INTEGER NOT NULL
);
-- The delivery log of an endpoint, newest first.
CREATE INDEX "WebhookAttempt_endpointId_id_idx" ON "WebhookAttempt"("endpointId", "id");
