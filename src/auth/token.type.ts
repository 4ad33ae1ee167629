import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { $Enums } from '@prisma/client';

export const TokenRole = $Enums.TokenRole;
registerEnumType(TokenRole, {
  name: 'TokenRole',
  description: 'What a token may do.',
  valuesConfig: {
    READER: { description: 'Reads like anyone; changes nothing.' },
    EDITOR: { description: 'Reads drafts; writes content.' },
    ADMIN: { description: 'Editor, and manages tokens.' },
  },
});

@ObjectType('ApiToken', { description: 'An API token, without its secret.' })
export class ApiToken {
  @Field(() => ID, { description: 'Token id, for `revokeApiToken`.' })
  id: string;

  @Field(() => String, { description: 'Who or what uses it.' })
  name: string;

  @Field(() => TokenRole, { description: 'What it may do.' })
  role: keyof typeof TokenRole;

  @Field(() => String, { description: 'First characters of the secret, to recognise it.' })
  prefix: string;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was revoked; null while active.' })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiToken', { description: 'A new token and its secret, shown this once.' })
export class CreatedApiToken {
  @Field(() => ApiToken, { description: 'The token.' })
  token: ApiToken;

  @Field(() => String, { description: 'The secret to send as `Authorization: Bearer <secret>`. Not stored: copy it now.' })
  secret: string;
}
