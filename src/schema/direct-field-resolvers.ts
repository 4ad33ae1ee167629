import { getMetadataStorage } from 'type-graphql';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

type Kind = 'root' | 'context' | 'info';
type Resolver = GraphQLFieldResolver<unknown, unknown>;
type Method = (...params: unknown[]) => unknown;
type Class = abstract new (...args: never[]) => unknown;
// type-graphql's metadata names classes by their constructor (`Function` there).
type Target = Class | ((...args: never[]) => unknown);

/**
 * type-graphql resolves each `@FieldResolver` call through one generic handler: it sorts the
 * method's parameters, builds each of them (converting the root to its class), then runs the
 * middleware chain, on every call. A feed resolves several hundred such fields (the label,
 * quotes and mentions of every article, the name and type label of every entity), and that
 * handler was a tenth of its CPU. A field resolver without roles or middlewares whose parameters
 * are only `@Root()`, `@Ctx()` and `@Info()` is called directly instead, when its root is an
 * instance of the class it declares (as our views always are); otherwise type-graphql's handler
 * runs, as before. Returns the fields so resolved (`Type.field`).
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolvers: readonly Target[]): string[] {
  const storage = getMetadataStorage();
  const instances = new Map<Target, object>();
  const direct: string[] = [];
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const meta of storage.fieldResolvers) {
      const target = meta.target as Target;
      if (meta.kind !== 'external' || !resolvers.includes(target) || !inherits(objectType.target as Target, meta.getObjectType?.() as Target | undefined))
        continue;
      const field = fields[meta.schemaName];
      const declared = objectType.fields?.find((f) => f.schemaName === meta.schemaName);
      if (!field?.resolve || guarded(meta) || (declared && guarded(declared))) continue;
      const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
      if (!params.every((p) => (p.kind === 'root' || p.kind === 'context' || p.kind === 'info') && !('propertyName' in p && p.propertyName))) continue;
      const rootClass = (params.find((p) => p.kind === 'root') as { getType?: () => unknown } | undefined)?.getType?.();
      if (rootClass !== undefined && typeof rootClass !== 'function') continue;
      const instance = instances.get(target) ?? new (target as new () => object)();
      instances.set(target, instance);
      const method = (instance as Record<string, Method>)[meta.methodName]!.bind(instance);
      field.resolve = directly(
        method,
        params.map((p) => p.kind as Kind),
        rootClass as Class | undefined,
        field.resolve,
      );
      direct.push(`${type.name}.${field.name}`);
    }
  }
  return direct;
}

const guarded = (meta: { roles?: unknown[]; middlewares?: unknown[] }) => meta.roles !== undefined || (meta.middlewares?.length ?? 0) > 0;

const inherits = (target: Target, ancestor: Target | undefined) =>
  ancestor !== undefined && (target === ancestor || (target.prototype as object) instanceof (ancestor as Class));

function directly(method: Method, kinds: Kind[], rootClass: Class | undefined, fallback: Resolver): Resolver {
  const pick = (kind: Kind, root: unknown, context: unknown, info: unknown) => (kind === 'root' ? root : kind === 'context' ? context : info);
  const [first, second] = kinds;
  return (root, args, context, info) => {
    if (rootClass && !(root instanceof rootClass)) return fallback(root, args, context, info);
    if (kinds.length === 2) return method(pick(first!, root, context, info), pick(second!, root, context, info));
    return method(...kinds.map((kind) => pick(kind, root, context, info)));
  };
}
