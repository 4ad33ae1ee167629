import { Authorized, Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { AddQuoteArgs, RemoveQuoteArgs, UpdateQuoteArgs, UpsertQuoteTranslationArgs } from './quote-write.input.js';
import { Quote } from './quote.type.js';
import { addQuote, removeQuote, updateQuote, upsertQuoteTranslation } from './quote-write.service.js';

@Resolver(() => Quote)
export class QuoteWriteResolver {
  @Authorized()
  @Mutation(() => Quote, { description: "Adds a quote to an article, drafts included (editors). Bumps the article's version." })
  addQuote(@Ctx() ctx: Context, @Args(() => AddQuoteArgs) args: AddQuoteArgs): Promise<Quote> {
    return addQuote(ctx, args);
  }

  @Authorized()
  @Mutation(() => Quote, {
    description:
      'Changes the speaker and/or the original-language text of a quote (editors); the text replaced is kept as a revision and translations become outdated.',
  })
  updateQuote(@Ctx() ctx: Context, @Args(() => UpdateQuoteArgs) args: UpdateQuoteArgs): Promise<Quote> {
    return updateQuote(ctx, args);
  }

  @Authorized()
  @Mutation(() => ID, {
    description: "Removes a quote from its article (editors), keeping its text as revisions; bumps the article's version. Answers the removed quote's id.",
  })
  removeQuote(@Ctx() ctx: Context, @Args(() => RemoveQuoteArgs) args: RemoveQuoteArgs): Promise<string> {
    return removeQuote(ctx, args);
  }

  @Authorized()
  @Mutation(() => Quote, {
    description: "Adds or replaces a quote's translation into a language other than its original one (editors); the text replaced is kept as a revision.",
  })
  upsertQuoteTranslation(@Ctx() ctx: Context, @Args(() => UpsertQuoteTranslationArgs) args: UpsertQuoteTranslationArgs): Promise<Quote> {
    return upsertQuoteTranslation(ctx, args);
  }
}
