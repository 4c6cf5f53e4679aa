import { FieldResolver, Resolver, Root } from "type-graphql";
import type { Person } from "./person.entity.js";
import { HouseholdMemberType } from "./household-member.type.js";
import { PersonType } from "./person.type.js";

@Resolver(() => HouseholdMemberType)
export class HouseholdMemberResolver {
  @FieldResolver(() => PersonType, { description: "The person." })
  person(@Root() m: { person: Person }): Person {
    return m.person;
  }
}
