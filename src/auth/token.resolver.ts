import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { notFound } from '../editorial/errors.js';
import { ApiToken, CreatedApiToken, TokenRole } from './token.type.js';
import { createToken, listTokens, type Role } from './token.service.js';

/** Longest token name: a person's or a script's name. */
const NAME_MAX = 100;

const toApiToken = (t: { id: number; name: string; role: Role; prefix: string; createdAt: Date; revokedAt: Date | null }): ApiToken => ({
  ...t,
  id: String(t.id),
});

// The same operations as `npm run token`, for admins: on the embedded database the CLI cannot
// run while the server holds the data folder.
@Resolver()
export class TokenResolver {
  @Authorized('ADMIN')
  @Query(() => [ApiToken], { description: 'Every API token, active or revoked (admins).' })
  async apiTokens(@Ctx() ctx: Context): Promise<ApiToken[]> {
    return (await listTokens(ctx.prisma)).map(toApiToken);
  }

  @Authorized('ADMIN')
  @Mutation(() => CreatedApiToken, { description: 'Creates an API token (admins). Its secret is in the answer only.' })
  async createApiToken(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: 'Who or what will use it.' }) name: string,
    @Arg('role', () => TokenRole, { description: 'What it may do.' }) role: Role,
  ): Promise<CreatedApiToken> {
    const trimmed = name.trim();
    if (!trimmed) throw ctx.errors().badInput('validation.isNotEmpty', { argument: 'name', field: 'name' });
    if (trimmed.length > NAME_MAX) throw ctx.errors().badInput('validation.maxLength', { argument: 'name', field: 'name', max: NAME_MAX });
    const created = await createToken(ctx.prisma, trimmed, role);
    const token = await ctx.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    return { token: toApiToken(token), secret: created.secret };
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiToken, { description: 'Revokes an API token (admins): it stops working with the next request.' })
  async revokeApiToken(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Token id.' }) id: string): Promise<ApiToken> {
    const tokenId = /^\d+$/.test(id) ? Number(id) : NaN;
    const { count } = Number.isSafeInteger(tokenId)
      ? await ctx.prisma.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } })
      : { count: 0 };
    const token = count ? await ctx.prisma.apiToken.findUnique({ where: { id: tokenId } }) : null;
    if (!token) throw notFound(ctx, ctx.locale, 'id');
    return toApiToken(token);
  }
}
