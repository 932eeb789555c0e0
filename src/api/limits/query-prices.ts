import { Injectable, Module } from '@nestjs/common';
import { costRefusal, type QueryCost } from 'src/api/query-cost';

/** Prices kept: the most recent requests' (refused or not). */
const PRICES_KEPT = 1000;

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

  /** The refusal `key` got before, if its price is above `budget`, as the body the client receives. */
  refusal(key: string, budget: number): string | undefined {
    const price = this.prices.get(key);
    const refusal = price === undefined ? undefined : costRefusal(price, budget);
    return refusal === undefined ? undefined : JSON.stringify({ errors: [refusal] });
  }
}

@Module({ providers: [QueryPrices], exports: [QueryPrices] })
export class QueryPricesModule {}
