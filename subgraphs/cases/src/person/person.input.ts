import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { Sex } from "./person.type.js";

@InputType("PersonInput", { description: "What is known of a person; leave the name out for a pseudonymous outreach case." })
export class PersonInput {
  @Field(() => String, { nullable: true, description: "Name (氏名)." })
  name?: string | null;
  @Field(() => String, { nullable: true, description: "Name in kana." })
  nameKana?: string | null;
  @Field(() => Sex, { nullable: true, description: "Sex." })
  sex?: keyof typeof Sex | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Birth date." })
  birthDate?: string | null;
  @Field(() => String, { nullable: true, description: "Address." })
  address?: string | null;
  @Field(() => String, { nullable: true, description: "Phone." })
  phone?: string | null;
}
