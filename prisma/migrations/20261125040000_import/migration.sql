-- Raw-dispatch import: the hash of the text an article was imported from, for idempotency
ALTER TABLE "Article" ADD COLUMN "sourceHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Article_sourceHash_key" ON "Article"("sourceHash");
