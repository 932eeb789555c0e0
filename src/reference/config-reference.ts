import type { z } from 'zod';
import { envSchema } from 'src/config/app-config';
import { CONFIG_DOCS } from 'src/config/config-docs';
import { cell, GENERATED_NOTE } from 'src/reference/markdown';

/** What the schema says of one variable: its type with the bounds it checks, and its default. */
interface SchemaFacts {
  type: string;
  defaultValue?: string;
}

/**
 * The configuration reference: every variable of `envSchema` in its order, with the type, default
 * and bounds the schema enforces and the meaning and readers from `CONFIG_DOCS`.
 */
export function renderConfigReference(): string {
  const rows = Object.entries(envSchema.shape).map(([name, schema]) => {
    const facts = schemaFacts(schema as z.ZodType);
    const doc = CONFIG_DOCS[name as keyof typeof CONFIG_DOCS];
    const fallback =
      doc.defaultText ?? (facts.defaultValue === undefined ? '—' : `\`${facts.defaultValue}\``);
    return (
      `| \`${name}\` | ${cell(facts.type)} | ${cell(fallback)} | ${doc.readBy.join(', ')} | ` +
      `${cell(doc.meaning)}${doc.example === undefined ? '' : ` (e.g. \`${doc.example}\`)`} |`
    );
  });
  return [
    '# Configuration reference',
    '',
    GENERATED_NOTE,
    '',
    'Tusk reads its settings from the environment. Invalid settings stop the start with one message ' +
      'that lists every bad variable, and exit 2. "Read by" names the processes that use a variable: ' +
      '`indexer` (`tusk start`, `--role indexer`, `tusk backfill`), `api` (`tusk start`, `--role api`), ' +
      '`local network` (`tusk start` on `local`, `tusk devnet`) and `tusk report`.',
    '',
    '| variable | type | default | read by | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Reads a zod schema's definition: defaults, optionals and pipes wrap the type that is checked. */
function schemaFacts(schema: z.ZodType): SchemaFacts {
  let current = schema;
  let defaultValue: string | undefined;
  for (;;) {
    const def = current._zod.def as unknown as {
      type: string;
      innerType?: z.ZodType;
      in?: z.ZodType;
      defaultValue?: unknown;
    };
    if (def.type === 'default') {
      const value =
        typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      defaultValue = Array.isArray(value) ? value.join(',') : String(value);
    } else if (def.type !== 'optional' && def.type !== 'pipe') {
      break;
    }
    const next = def.innerType ?? def.in;
    if (next === undefined) {
      break;
    }
    current = next;
  }
  return { type: typeOf(current), defaultValue: defaultValue === '' ? undefined : defaultValue };
}

function typeOf(schema: z.ZodType): string {
  const def = schema._zod.def as unknown as {
    type: string;
    format?: string;
    entries?: Record<string, string>;
    checks?: {
      _zod: {
        def: { check: string; format?: string; value?: unknown; inclusive?: boolean; minimum?: number };
      };
    }[];
  };
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const bounds = checks
    .map((check) => {
      if (check.check === 'greater_than')
        return `${check.inclusive === true ? '≥' : '>'} ${String(check.value)}`;
      if (check.check === 'less_than')
        return `${check.inclusive === true ? '≤' : '<'} ${String(check.value)}`;
      if (check.check === 'min_length')
        return check.minimum === 1 ? 'not empty' : `at least ${String(check.minimum)} characters`;
      return undefined;
    })
    .filter((bound) => bound !== undefined);
  const base = baseType(
    def.type,
    def,
    checks.some((check) => check.format === 'safeint'),
  );
  return bounds.length === 0 ? base : `${base} (${bounds.join(', ')})`;
}

function baseType(
  type: string,
  def: { format?: string; entries?: Record<string, string> },
  integer: boolean,
): string {
  switch (type) {
    case 'enum':
      return Object.values(def.entries ?? {})
        .map((value) => `\`${value}\``)
        .join(', ');
    case 'number':
      return integer ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    case 'string':
      return def.format === 'url' ? 'URL' : 'string';
    case 'transform':
      return 'list';
    default:
      return type;
  }
}
