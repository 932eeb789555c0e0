import type { z } from 'zod';
import { envSchema } from 'src/config/app-config';
import { CONFIG_DOCS } from 'src/config/config-docs';
import { cell, GENERATED_NOTE } from 'src/reference/cli-reference';

/** What the schema says of one variable: its type, its default, and the bounds it checks. */
interface SchemaFacts {
  type: string;
  defaultValue?: string;
  required: boolean;
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
  let required = true;
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
      required = false;
    } else if (def.type === 'optional') {
      required = false;
    } else if (def.type !== 'pipe') {
      break;
    }
    const next = def.innerType ?? def.in;
    if (next === undefined) {
      break;
    }
    current = next;
  }
  return { type: typeOf(current), defaultValue: defaultValue === '' ? undefined : defaultValue, required };
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
  const integer = checks.some((check) => check.format === 'safeint');
  const base =
    def.type === 'enum'
      ? Object.values(def.entries ?? {})
          .map((value) => `\`${value}\``)
          .join(', ')
      : def.type === 'number'
        ? integer
          ? 'integer'
          : 'number'
        : def.type === 'bigint'
          ? 'integer'
          : def.type === 'string' && def.format === 'url'
            ? 'URL'
            : def.type === 'transform'
              ? 'list'
              : def.type;
  return bounds.length === 0 ? base : `${base} (${bounds.join(', ')})`;
}
