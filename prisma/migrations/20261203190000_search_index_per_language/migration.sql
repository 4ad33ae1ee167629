-- A text is matched with the query parsed in its own language (search.sql.ts). With one index over
-- both languages, the English parse of a query also hands over every French text holding its
-- lexemes (a French stop word is an English lexeme), which the locale test then throws away: for
-- "decis OR le", 48,530 French texts read to find none (250 ms on 50,000 articles). One index per
-- language hands over only the texts of that language: each OR arm of the match uses its own.
DROP INDEX "ArticleTranslation_search_idx";
CREATE INDEX "ArticleTranslation_search_fr_idx" ON "ArticleTranslation" USING GIN ("search") WHERE "locale" = 'FR';
CREATE INDEX "ArticleTranslation_search_en_idx" ON "ArticleTranslation" USING GIN ("search") WHERE "locale" = 'EN';

DROP INDEX "QuoteTranslation_search_idx";
CREATE INDEX "QuoteTranslation_search_fr_idx" ON "QuoteTranslation" USING GIN ("search") WHERE "locale" = 'FR';
CREATE INDEX "QuoteTranslation_search_en_idx" ON "QuoteTranslation" USING GIN ("search") WHERE "locale" = 'EN';
