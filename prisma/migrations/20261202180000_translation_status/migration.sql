-- Publishing per language: each translation is reviewed and published on its own.
CREATE TYPE "TranslationStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'PUBLISHED');

-- Existing language versions were public the moment they were saved: they stay PUBLISHED. New
-- translations start as drafts (the column default from now on).
ALTER TABLE "ArticleTranslation" ADD COLUMN "status" "TranslationStatus" NOT NULL DEFAULT 'PUBLISHED';
ALTER TABLE "ArticleTranslation" ALTER COLUMN "status" SET DEFAULT 'DRAFT';
ALTER TABLE "ArticleTranslation" ADD COLUMN "reviewedBy" TEXT;
ALTER TABLE "ArticleTranslation" ADD COLUMN "reviewedAt" TIMESTAMP(3);
