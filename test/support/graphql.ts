import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

/**
 * Posts a query to the app's /graphql over HTTP. `fresh` asks past the per-checkpoint response cache,
 * for data that changes between checkpoints (node polls, handoff plans).
 */
export async function graphql(
  app: INestApplication,
  query: string,
  options: { fresh?: boolean } = {},
): Promise<GraphQLResponse> {
  const post = request(app.getHttpServer() as Server).post('/graphql');
  const response = await (options.fresh === true ? post.set('Cache-Control', 'no-cache') : post).send({
    query,
  });
  return response.body as GraphQLResponse;
}
