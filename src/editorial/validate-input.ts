import { validate, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { AppError } from '../server/errors.js';
import type { Context } from '../server/context.js';
import { answerLocale } from '../i18n/negotiate.js';

/** One failed rule: where (`title`, `body[2].text`) and which class-validator constraint. */
interface FieldProblem {
  field: string;
  constraint: string;
  params: Record<string, unknown>;
}

function problems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.keys(e.constraints ?? {}).map((constraint) => ({
      field,
      constraint,
      // class-validator keeps the rule's arguments (max length, allowed values…) on contexts we set.
      params: (e.contexts?.[constraint] as Record<string, unknown> | undefined) ?? {},
    }));
    return [...own, ...problems(e.children ?? [], field)];
  });
}

/**
 * type-graphql's validation hook: class-validator rules on every input class, failures as one
 * BAD_USER_INPUT naming the field, with the message in the language the field answers in
 * (src/i18n/negotiate.ts: answerLocale), else the request's
 * language (locales/<lng>/errors.json, `validation.<constraint>`).
 */
export const validateInput: ValidatorFn<Context> = async (value, _type, { context, args, info }) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const found = problems(await validate(value, { forbidUnknownValues: false, validationError: { target: false, value: false } }), '');
  if (found.length === 0) return;
  const [first] = found;
  const argument = first!.field;
  const locale = answerLocale(info, args) ?? context.locale;
  const t = (p: FieldProblem) =>
    context.translator.t(locale, `errors:validation.${p.constraint}`, {
      field: p.field,
      ...p.params,
      defaultValue: context.translator.t(locale, 'errors:validation.invalid', { field: p.field }),
    });
  throw new AppError('BAD_USER_INPUT', t(first!), { argument, problems: found.map((p) => ({ field: p.field, constraint: p.constraint, message: t(p) })) });
};
