import { Injectable, Module } from '@nestjs/common';
import type { QueryCost } from 'src/api/query-cost';

/** Prices kept: the most recent requests' (refused or not). */
const PRICES_KEPT = 1000;

/** What the API answers a query above the budget: its error, as the client receives it. */
export function tooCostlyBody(message: string, budget: number, cost?: number): string {
  return JSON.stringify({
    errors: [
      { message, extensions: { code: 'QUERY_TOO_COSTLY', budget, ...(cost === undefined ? {} : { cost }) } },
    ],
  });
}

/**
 * The price of each recent request, by the response cache's key (operation, document, variables):
 * a query is analysed once, and a repeated query above the budget is refused before Apollo parses
 * it again, which keeps a flood of the same costly query from occupying the event loop.
 */
@Injectable()
export class QueryPrices {
  private readonly prices = new Map<string, QueryCost>();

  get(key: string): QueryCost | undefined {
    return this.prices.get(key);
  }

  set(key: string, price: QueryCost): void {
    this.prices.set(key, price);
    if (this.prices.size > PRICES_KEPT) {
      const oldest = this.prices.keys().next().value;
      if (oldest !== undefined) {
        this.prices.delete(oldest);
      }
    }
  }

  /** The refusal `key` got before, if its price is above `budget`. */
  refusal(key: string, budget: number): string | undefined {
    const price = this.prices.get(key);
    if (price?.kind === 'too_large') {
      return tooCostlyBody(
        `the query is too large to price (over its node limit); the budget is ${budget}`,
        budget,
      );
    }
    if (price?.kind === 'cost' && price.cost > budget) {
      return tooCostlyBody(`the query costs ${price.cost}; the budget is ${budget}`, budget, price.cost);
    }
    return undefined;
  }
}

@Module({ providers: [QueryPrices], exports: [QueryPrices] })
export class QueryPricesModule {}
