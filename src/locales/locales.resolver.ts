import { Ctx, Query, Resolver } from 'type-graphql';
import { LOCALES } from '../config.js';
import type { Context } from '../server/context.js';
import { LocaleInfo } from './locale-info.type.js';

@Resolver()
export class LocalesResolver {
  @Query(() => [LocaleInfo], { description: 'Languages served, with their fallback chains.' })
  locales(@Ctx() ctx: Context): LocaleInfo[] {
    return LOCALES.map((code) => ({
      code,
      name: ctx.translator.t(ctx.locale, `labels:locale.${code}`),
      nativeName: ctx.translator.t(code, `labels:locale.${code}`),
      isDefault: code === ctx.config.defaultLocale,
      fallback: ctx.translator.chain(code).slice(1),
    }));
  }
}
