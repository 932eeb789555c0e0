import { Injectable, Module } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import type { KeyedRequest } from 'src/api/http-caching';
import { costRefusal, priceOfQueryText, type QueryCost } from 'src/api/query-cost';
import { setBounded } from 'src/common/bounded-map';

/** Prices kept: the most recent requests' (refused or not). */
const PRICES_KEPT = 1000;
/** Refusals kept by body: the most recent ones (each body at most 100 KB). */
const REFUSED_BODIES_KEPT = 100;

/**
 * The price of each recent request, by the response cache's key (operation, document, variables):
 * a query is analysed once, and a repeated query above the budget is refused before Apollo parses
 * it again, which keeps a flood of the same costly query from occupying the event loop. A new one
 * is priced as soon as it is parsed, before Apollo validates it: validation costs more than
 * pricing, and a query over the budget need not be validated to be refused.
 */
@Injectable()
export class QueryPrices {
  private readonly prices = new Map<string, QueryCost>();
  /** The latest POST bodies refused by price and their refusals, by `lookupKeyOf` them. */
  private readonly refusedBodies = new Map<string, { readonly body: Buffer; readonly refusal: string }>();

  /** The price kept for `key`, else the one `work` gives (kept when it gives one). */
  priceOf<T extends QueryCost | undefined>(key: string, work: () => T): QueryCost | T {
    const kept = this.prices.get(key);
    if (kept !== undefined) {
      return kept;
    }
    const price = work();
    if (price !== undefined) {
      this.keep(key, price);
    }
    return price;
  }

  /** The cost kept for `key`, if it was priced and fits no refusal for size or validity. */
  costOf(key: string): number | undefined {
    const kept = this.prices.get(key);
    return kept?.kind === 'cost' ? kept.cost : undefined;
  }

  /** The refusal kept for a POST body of exactly these bytes, refused by price before. */
  refusalOfBody(body: Buffer): string | undefined {
    const kept = this.refusedBodies.get(lookupKeyOf(body));
    // Compared whole: the key only finds the candidate.
    return kept?.body.equals(body) === true ? kept.refusal : undefined;
  }

  /**
   * Keeps `refusal` for a POST body of exactly these bytes: the same body again is refused without
   * being decoded, parsed as JSON or keyed, which is most of what a refusal costs beyond the HTTP
   * exchange itself.
   */
  keepBodyRefusal(body: Buffer, refusal: string): void {
    setBounded(this.refusedBodies, lookupKeyOf(body), { body, refusal }, REFUSED_BODIES_KEPT);
  }

  private keep(key: string, price: QueryCost): void {
    setBounded(this.prices, key, price, PRICES_KEPT);
  }

  /**
   * The refusal of `request` if its price is above `budget`, as the body the client receives: the
   * kept price, or one worked out now from its text. Undefined when it fits, and when its text does
   * not parse (Apollo answers that with its own error).
   */
  refusal(request: KeyedRequest, budget: number, schema: GraphQLSchema | undefined): string | undefined {
    const price = this.priceOf(request.key, () =>
      request.query === undefined || schema === undefined ? undefined : priceOfText(schema, request, budget),
    );
    const refusal = price === undefined ? undefined : costRefusal(price, budget);
    return refusal === undefined ? undefined : JSON.stringify({ errors: [refusal] });
  }
}

/** Bytes at each end of a body that, with its length, look it up. */
const LOOKUP_END_BYTES = 64;

/**
 * What a body is looked up by: its length and its first and last bytes. Cheaper than hashing all of
 * it; two bodies alike there only take each other's place, as the whole is compared after.
 */
function lookupKeyOf(body: Buffer): string {
  const tailStart = Math.max(LOOKUP_END_BYTES, body.length - LOOKUP_END_BYTES);
  return `${body.length}:${body.toString('latin1', 0, LOOKUP_END_BYTES)}${body.toString('latin1', tailStart)}`;
}

function priceOfText(schema: GraphQLSchema, request: KeyedRequest, budget: number): QueryCost | undefined {
  const { query, variables, operationName } = request;
  return priceOfQueryText(schema, { text: query ?? '', variables, operationName }, budget);
}

@Module({ providers: [QueryPrices], exports: [QueryPrices] })
export class QueryPricesModule {}
