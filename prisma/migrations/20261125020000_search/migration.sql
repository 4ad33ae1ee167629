-- Language-aware, accent-insensitive full-text search and typo-tolerant entity lookup.
-- (No semicolons in comments here: the migration runner splits statements on them.)
-- The generated columns below are not in schema.prisma (Prisma cannot model them): the API reads
-- them through raw SQL only, and Prisma never selects or writes them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- French and English stemming after accent folding: "Etats"/"États", "securite"/"sécurité" meet,
-- and "soldats" finds "soldat", "withdrawing" finds "withdraw".
CREATE TEXT SEARCH CONFIGURATION depeche_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION depeche_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION depeche_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION depeche_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- Declared IMMUTABLE so generated columns and indexes may use them: they only depend on the
-- configurations and dictionaries created here, which migrations alone change.
CREATE FUNCTION depeche_ts_config(locale "Locale") RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE locale WHEN 'FR' THEN 'depeche_fr'::regconfig ELSE 'depeche_en'::regconfig END $$;

CREATE FUNCTION depeche_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(unaccent('unaccent'::regdictionary, value)) $$;

CREATE FUNCTION depeche_names(name text, aliases text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT depeche_fold(array_to_string(array_prepend(name, aliases), ' | ')) $$;

-- Title weighs most, then lede, then body (only the paragraphs' text, not their kinds).
ALTER TABLE "ArticleTranslation" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(depeche_ts_config("locale"), "title"), 'A') ||
  setweight(to_tsvector(depeche_ts_config("locale"), coalesce("lede", '')), 'B') ||
  setweight(to_tsvector(depeche_ts_config("locale"), jsonb_path_query_array("body", '$[*].text')), 'C')
) STORED;
CREATE INDEX "ArticleTranslation_search_idx" ON "ArticleTranslation" USING GIN ("search");

ALTER TABLE "QuoteTranslation" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector(depeche_ts_config("locale"), "text")
) STORED;
CREATE INDEX "QuoteTranslation_search_idx" ON "QuoteTranslation" USING GIN ("search");

-- Every name of an entity in one language, folded: what trigram lookups compare against.
ALTER TABLE "EntityTranslation" ADD COLUMN "names" text GENERATED ALWAYS AS (depeche_names("name", "aliases")) STORED;
CREATE INDEX "EntityTranslation_names_trgm_idx" ON "EntityTranslation" USING GIN ("names" gin_trgm_ops);

-- Snippets are served as HTML with <mark> around matches: the text itself must not be markup.
-- chr(59) is the semicolon of the entities, spelt so that the statement splitter leaves it alone.
CREATE FUNCTION depeche_html_escape(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT replace(replace(replace(value, '&', '&amp' || chr(59)), '<', '&lt' || chr(59)), '>', '&gt' || chr(59)) $$;
