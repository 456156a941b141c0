/**
 * The peer for `npm run bench:peer`: the Neo4j GraphQL Library (@neo4j/graphql 7) over the
 * same graph model profile-graph uses, with typeDefs equivalent to ours for the fields the
 * benchmark's pages read. A separate process, served by Apollo's standalone server as the
 * library's docs show. Temporal relationship properties are left out of the pages: the
 * library needs APOC to return them. The community page's interest portrait is an aggregation,
 * served by a @cypher field as the library's docs advise.
 * Usage: NEO4J_URI=bolt://127.0.0.1:7696 PORT=4611 tsx bench/peer-server.ts
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

const typeDefs = /* GraphQL */ `
  type User @node {
    id: ID!
    displayName: String
    gender: String
    region: String
    consentProfiling: Boolean
    # The two influence slots an analytics run publishes into (src/influence/queries.ts).
    influenceScoreA: Float
    influenceScoreB: Float
    following: [User!]! @relationship(type: "FOLLOWS", direction: OUT)
    followers: [User!]! @relationship(type: "FOLLOWS", direction: IN)
    purchased: [Product!]! @relationship(type: "PURCHASED", direction: OUT, properties: "Purchase")
    interests: [Interest!]! @relationship(type: "INTERESTED_IN", direction: OUT, properties: "Affinity")
  }
  type Affinity @relationshipProperties {
    weight: Float
  }
  type Purchase @relationshipProperties {
    amount: Float
    quantity: Int
  }
  type Product @node {
    id: ID!
    name: String
    category: String
    price: Float
    buyers: [User!]! @relationship(type: "PURCHASED", direction: IN, properties: "Purchase")
    interests: [Interest!]! @relationship(type: "HAS_INTEREST", direction: OUT)
  }
  # The community page: members and KOLs are relationships the library pages and sorts; the
  # interest portrait is an aggregation, which the library serves through @cypher.
  type Community @node {
    id: ID!
    size: Int
    members: [User!]! @relationship(type: "MEMBER_OF", direction: IN)
    topInterests(first: Int = 5): [InterestCount!]!
      @cypher(
        statement: """
        MATCH (this)<-[:MEMBER_OF]-(u:User)-[:INTERESTED_IN]->(i:Interest) WHERE u.consentProfiling = true
        WITH i, count(u) AS members ORDER BY members DESC, i.id LIMIT $first
        RETURN {name: i.name, members: members} AS result
        """
        columnName: "result"
      )
  }
  type InterestCount {
    name: String
    members: Int
  }
  type Interest @node {
    id: ID!
    name: String
    users: [User!]! @relationship(type: "INTERESTED_IN", direction: IN, properties: "Affinity")
  }
`;

const driver = neo4j.driver(
  process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7696',
  neo4j.auth.basic(process.env['NEO4J_USERNAME'] ?? 'neo4j', process.env['NEO4J_PASSWORD'] ?? 'profile-graph-local'),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 4611) } });
process.stderr.write(`peer ready at ${url}\n`);
