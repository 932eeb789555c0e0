import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

/** Posts a query to the app's /graphql over HTTP. */
export async function graphql(app: INestApplication, query: string): Promise<GraphQLResponse> {
  const response = await request(app.getHttpServer() as Server)
    .post('/graphql')
    .send({ query });
  return response.body as GraphQLResponse;
}
