-- Embargo and scheduled release: a PUBLISHED article whose "embargoedUntil" is still ahead is
-- invisible to readers until that instant (src/articles/visibility.ts compares it with now()).
ALTER TABLE "Article" ADD COLUMN "embargoedUntil" TIMESTAMP(3);

-- The next release, for the response cache's TTL cap (src/cache/releases.ts): only scheduled
-- articles are in this index, so finding the earliest is one tiny index read.
CREATE INDEX "Article_embargoedUntil_idx" ON "Article"("embargoedUntil") WHERE "embargoedUntil" IS NOT NULL;

-- Dates that say what is known: an undated article has no precision (it used to default to DAY).
ALTER TABLE "Article" ALTER COLUMN "datePrecision" DROP NOT NULL;
ALTER TABLE "Article" ALTER COLUMN "datePrecision" DROP DEFAULT;
UPDATE "Article" SET "datePrecision" = NULL WHERE "publishedAt" IS NULL;
ALTER TABLE "Article" ADD CONSTRAINT "Article_precision_with_date" CHECK (("publishedAt" IS NULL) = ("datePrecision" IS NULL));
