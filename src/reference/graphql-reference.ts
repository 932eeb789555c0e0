import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { cell, GENERATED_NOTE } from 'src/reference/markdown';

/**
 * The GraphQL reference, from `schema.gql` and its descriptions: the root fields first (queries,
 * subscriptions), then every type in alphabetical order.
 */
export function renderGraphqlReference(sdl: string): string {
  const schema = buildSchema(sdl);
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (type) => type !== null && type !== undefined,
  );
  const rootNames = new Set(roots.map((type) => type.name));
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !rootNames.has(type.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    '# GraphQL reference',
    '',
    GENERATED_NOTE,
    '',
    'The schema served at `/graphql` (`schema.gql`), with the descriptions it carries. Amounts are ' +
      'strings of FROST (1 WAL = 10^9 FROST); every list is bounded, and every query is costed before it runs.',
    '',
    ...roots.map((type) => typeSection(type, 'Root')),
    ...types.map((type) => typeSection(type, kindOf(type))),
  ].join('\n');
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'Object';
  if (isInputObjectType(type)) return 'Input';
  if (isEnumType(type)) return 'Enum';
  if (isInterfaceType(type)) return 'Interface';
  if (isUnionType(type)) return 'Union';
  return 'Scalar';
}

function typeSection(type: GraphQLNamedType, kind: string): string {
  const lines = [`## ${type.name}`, '', `_${kind}._ ${type.description ?? ''}`.trim(), ''];
  if (isObjectType(type) || isInterfaceType(type)) {
    lines.push('| field | type | description |', '| --- | --- | --- |');
    for (const field of Object.values(type.getFields())) {
      lines.push(
        `| \`${field.name}${argumentsOf(field)}\` | \`${String(field.type)}\` | ${describe(field)} |`,
      );
    }
  } else if (isInputObjectType(type)) {
    lines.push('| field | type | description |', '| --- | --- | --- |');
    for (const field of Object.values(type.getFields())) {
      lines.push(`| \`${field.name}\` | \`${String(field.type)}\`${defaultOf(field)} | ${describe(field)} |`);
    }
  } else if (isEnumType(type)) {
    lines.push('| value | description |', '| --- | --- |');
    for (const value of type.getValues()) {
      lines.push(`| \`${value.name}\` | ${cell(value.description ?? '')} |`);
    }
  } else if (isUnionType(type)) {
    lines.push(
      `One of ${type
        .getTypes()
        .map((member) => `\`${member.name}\``)
        .join(', ')}.`,
    );
  } else if (isScalarType(type) && type.specifiedByURL !== undefined && type.specifiedByURL !== null) {
    lines.push(`Specified by ${type.specifiedByURL}.`);
  }
  lines.push('');
  return lines.join('\n');
}

function argumentsOf(field: GraphQLField<unknown, unknown>): string {
  return field.args.length === 0
    ? ''
    : `(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}${defaultOf(arg)}`).join(', ')})`;
}

function defaultOf(input: GraphQLArgument | GraphQLInputField): string {
  return input.defaultValue === undefined ? '' : ` = ${JSON.stringify(input.defaultValue)}`;
}

function describe(field: { description?: string | null; deprecationReason?: string | null }): string {
  const deprecated =
    field.deprecationReason === undefined || field.deprecationReason === null
      ? ''
      : ` **Deprecated:** ${field.deprecationReason}`;
  return cell(`${field.description ?? ''}${deprecated}`);
}
