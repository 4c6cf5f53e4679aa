import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { SEXES } from "./person.entity.js";

export const Sex = enumFrom(SEXES);
registerEnumType(Sex, {
  name: "Sex",
  description: "Sex as recorded (性別).",
  valuesConfig: {
    FEMALE: { description: "Female (女性)." },
    MALE: { description: "Male (男性)." },
    OTHER: { description: "Other (その他)." },
    UNKNOWN: { description: "Not known or not recorded (不明)." },
  },
});

@ObjectType("Person", { description: "A person (本人・世帯員). Pseudonymous until consent or a 支援会議 allows a name." })
export class PersonType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Pseudonym (仮名), always set." })
  pseudonym!: string;
  @Field(() => String, { nullable: true, description: "Name (氏名); null while pseudonymous." })
  name?: string | null;
  @Field(() => String, { nullable: true, description: "Name in kana (ふりがな)." })
  nameKana?: string | null;
  @Field(() => Sex, { description: "Sex (性別)." })
  sex!: keyof typeof Sex;
  @Field(() => LocalDateResolver, { nullable: true, description: "Birth date (生年月日)." })
  birthDate?: string | null;
  @Field(() => String, { nullable: true, description: "Address (住所)." })
  address?: string | null;
  @Field(() => String, { nullable: true, description: "Phone (電話番号)." })
  phone?: string | null;
}
