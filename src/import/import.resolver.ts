import { Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { reloadArticle } from '../articles/article-write.service.js';
import { dateLabel } from '../articles/article.fields.js';
import { toEntity } from '../entities/entity.view.js';
import type { EntityRow } from '../db/rows.js';
import { ImportDispatchArgs } from './import.input.js';
import { AppError } from '../server/errors.js';
import { ImportRefusal } from './import-refusal.js';
import { importDispatch, warningMessage } from './import.service.js';
import { ImportResult } from './import.type.js';

@Resolver(() => ImportResult)
export class ImportResolver {
  @Authorized()
  @Mutation(() => ImportResult, {
    description:
      'Imports a wire dispatch, raw text or an IPTC ninjs 3.1 item, as a DRAFT article with its quotes and entity mentions (editors). dryRun: true shows the result without writing. Importing the same text (or the same ninjs uri and version) again writes nothing and returns the earlier article (existing: true); another version of an imported ninjs uri is a CONFLICT.',
  })
  async importDispatch(@Ctx() ctx: Context, @Args(() => ImportDispatchArgs) args: ImportDispatchArgs): Promise<ImportResult> {
    const { input } = args;
    const refuse = (e: ImportRefusal) => {
      const { problems, ...params } = e.params;
      return new AppError(e.code, ctx.translator.t(ctx.locale, `errors:${e.key}`, params), { argument: params.argument, ...(problems ? { problems } : {}) });
    };
    const hasText = input.text != null;
    const hasNinjs = input.ninjs != null;
    if (hasText === hasNinjs) throw refuse(new ImportRefusal('BAD_USER_INPUT', 'importTextOrNinjs', { argument: 'input' }));
    if (hasText && !input.locale) throw refuse(new ImportRefusal('BAD_USER_INPUT', 'importLocale', { argument: 'input.locale' }));
    const outcome = await importDispatch(ctx.prisma, {
      source: hasText ? { text: input.text! } : { ninjs: input.ninjs },
      locale: input.locale ?? null,
      agency: input.agency,
      dryRun: input.dryRun ?? false,
      createEntities: input.createEntities ?? false,
    }).catch((e) => {
      throw e instanceof ImportRefusal ? refuse(e) : e;
    });
    const { plan } = outcome;
    const entity = (row: EntityRow | null) => row && toEntity(row, ctx.locale, ctx.localizer);
    return Object.assign(new ImportResult(), {
      article: outcome.articleId === null ? null : await reloadArticle(ctx, outcome.articleId, ctx.locale),
      existing: outcome.existing,
      title: plan.title,
      lede: plan.lede,
      body: plan.body,
      publishedAt: plan.publishedAt,
      datePrecision: plan.datePrecision,
      dateLabel: plan.publishedAt && plan.datePrecision ? dateLabel(ctx.translator, ctx.locale, plan.publishedAt, plan.datePrecision) : null,
      dateline: plan.dateline,
      datelineEntity: entity(plan.datelineEntity),
      agency: plan.agency,
      quotes: plan.quotes.map((q) => ({ ...q, speaker: entity(q.speaker) })),
      mentions: plan.mentions.map((m) => ({ entity: entity(m.entity)!, count: m.count })),
      candidates: plan.candidates.map((c) => ({ ...c, created: entity(outcome.created.get(c.name) ?? null) })),
      warnings: plan.warnings.map((w) => ({ code: w.code, message: warningMessage(ctx.translator, ctx.locale, w) })),
    });
  }
}
