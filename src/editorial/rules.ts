import { ArrayMaxSize, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';

// Composed class-validator rules for editorial inputs. Each passes its parameters as `context`
// so that validate-input.ts can put them in the localized message ("at most {{max}} characters").

const all =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

/** Text that is not only whitespace (`each`: every item of a list). */
const NotBlank = (each = false) =>
  ValidateBy({ name: 'isNotEmpty', validator: { validate: (v: unknown) => typeof v === 'string' && v.trim().length > 0 } }, { each });

/** Required text of at most `max` characters. */
export const Text = (max: number) => all(NotBlank(), MaxLength(max, { context: { max } }));

/** Optional text (may be empty) of at most `max` characters. */
export const OptionalText = (max: number) => MaxLength(max, { context: { max } });

/** A list of at most `max` texts, each non-blank and at most `itemMax` characters. */
export const TextList = (max: number, itemMax: number) =>
  all(ArrayMaxSize(max, { context: { max } }), NotBlank(true), MaxLength(itemMax, { each: true, context: { max: itemMax } }));

/** A list of at most `max` nested inputs, each validated by its own rules. */
export const NestedList = (max: number) => all(ArrayMaxSize(max, { context: { max } }), ValidateNested({ each: true }));

/** `expectedVersion`: versions start at 1. */
export const Version = () => Min(1, { context: { min: 1 } });

/** A Wikidata item id, e.g. Q7747 (reported as the `isWikidataId` constraint). */
export const WikidataId = () =>
  ValidateBy({ name: 'isWikidataId', validator: { validate: (v: unknown) => v == null || (typeof v === 'string' && /^Q[1-9]\d{0,11}$/.test(v)) } });
