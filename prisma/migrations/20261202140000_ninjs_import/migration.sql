-- ninjs import: the uri and version of the item an article was imported from, for idempotency
ALTER TABLE "Article" ADD COLUMN "ninjsUri" TEXT;
ALTER TABLE "Article" ADD COLUMN "ninjsVersion" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Article_ninjsUri_key" ON "Article"("ninjsUri");
