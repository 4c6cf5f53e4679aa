import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { PageInfo, UserError } from "@marugoto/shared";
import { BodyKind } from "./body/body.type.js";
import {
  ActionItemEventKind,
  ActionItemStatus,
  AgendaEventKind,
  AgendaItemKind,
  AgendaItemStatus,
  Attendance,
  MeetingEventKind,
  MeetingMemberRole,
  MeetingStatus,
  MinutesStatus,
  TopicStatus,
} from "./enums.js";

@ObjectType("Meeting", { description: "One sitting of a meeting body (会議). A confidential (非公開) one exists only for its members." })
@Directive('@key(fields: "id")')
export class MeetingType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Title (会議名)." })
  title!: string;

  @Field(() => Date, { description: "Start (開始日時)." })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: "End (終了予定)." })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Place (場所)." })
  place?: string | null;

  @Field(() => Boolean, { description: "非公開: visible to member organisations only. Always true for case-handling bodies." })
  confidential!: boolean;

  @Field(() => MeetingStatus, { description: "Where the meeting stands." })
  status!: keyof typeof MeetingStatus;
}

@ObjectType("MeetingMember", { description: "A member organisation of one meeting (出席者), with attendance and pledge." })
export class MeetingMemberType {
  @Field(() => MeetingMemberRole, { description: "Role in this meeting." })
  role!: keyof typeof MeetingMemberRole;

  @Field(() => Attendance, { description: "Attendance (出欠)." })
  attendance!: keyof typeof Attendance;

  @Field(() => Date, { nullable: true, description: "When the organisation pledged confidentiality (守秘義務の誓約). The duty outlives the meeting." })
  pledgedAt?: Date | null;
}

@ObjectType("AgendaItem", { description: "One item of a meeting's agenda (議題)." })
@Directive('@key(fields: "id")')
export class AgendaItemType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => Int, { description: "Order on the agenda, from 0." })
  position!: number;

  @Field(() => AgendaItemKind, { description: "Kind of item." })
  kind!: keyof typeof AgendaItemKind;

  @Field(() => Int, { nullable: true, description: "Time allowed, in minutes (持ち時間)." })
  timeboxMinutes?: number | null;

  @Field(() => AgendaItemStatus, { description: "Where the item stands." })
  status!: keyof typeof AgendaItemStatus;

  @Field(() => Boolean, { description: "True when a case item's contents are withheld from the caller (no pledge yet)." })
  redacted!: boolean;
}

@ObjectType("Decision", { description: "A decision recorded against an agenda item (決定事項)." })
export class DecisionType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "What was decided." })
  content!: string;

  @Field(() => Date, { description: "When it was recorded." })
  decidedAt!: Date;
}

@ObjectType("ActionItem", { description: "A task that came out of a meeting (アクションアイテム), owned by an organisation." })
@Directive('@key(fields: "id")')
export class ActionItemType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "What is to be done (タスク)." })
  title!: string;

  @Field(() => String, { nullable: true, description: "A named person at the assignee organisation (担当者)." })
  assigneePerson?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Due date (期限), a calendar date in Asia/Tokyo." })
  dueDate?: string | null;

  @Field(() => ActionItemStatus, { description: "Where it stands." })
  status!: keyof typeof ActionItemStatus;

  @Field(() => Date, { description: "Last change." })
  updatedAt!: Date;
}

@ObjectType("Minutes", { description: "Minutes of a meeting (議事録): drafted, then approved by the chair and locked." })
export class MinutesType {
  @Field(() => String, { description: "The text." })
  content!: string;

  @Field(() => MinutesStatus, { description: "Draft or approved." })
  status!: keyof typeof MinutesStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: "For case meetings: the next review date (次回評価日)." })
  nextReviewDate?: string | null;

  @Field(() => Date, { description: "Last change." })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the chair approved them." })
  approvedAt?: Date | null;
}

@ObjectType("Topic", { description: "A de-identified need for a new mechanism (検討課題), raised by a case meeting to a policy body. Never linked to a case or a person." })
@Directive('@key(fields: "id")')
export class TopicType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => String, { description: "The need, described without anything that identifies a person." })
  description!: string;

  @Field(() => String, { description: "Category (分類), e.g. 就労, 住まい." })
  category!: string;

  @Field(() => TopicStatus, { description: "Where it stands." })
  status!: keyof typeof TopicStatus;

  @Field(() => BodyKind, { description: "Kind of body it came from." })
  originKind!: keyof typeof BodyKind;

  @Field(() => LocalDateResolver, { description: "When it was raised (Asia/Tokyo)." })
  raisedOn!: string;
}

@ObjectType("MeetingEdge", { description: "A meeting in a connection." })
export class MeetingEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => MeetingType, { description: "The meeting." })
  node!: MeetingType;
}

@ObjectType("MeetingConnection", { description: "A page of meetings, by start time." })
export class MeetingConnection {
  @Field(() => [MeetingEdge], { description: "The meetings of this page." })
  edges!: MeetingEdge[];
  @Field(() => [MeetingType], { description: "The meetings of this page, without cursors." })
  nodes!: MeetingType[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}

@ObjectType("ActionItemEdge", { description: "An action item in a connection." })
export class ActionItemEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => ActionItemType, { description: "The action item." })
  node!: ActionItemType;
}

@ObjectType("ActionItemConnection", { description: "A page of action items." })
export class ActionItemConnection {
  @Field(() => [ActionItemEdge], { description: "The items of this page." })
  edges!: ActionItemEdge[];
  @Field(() => [ActionItemType], { description: "The items of this page, without cursors." })
  nodes!: ActionItemType[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}

@ObjectType("AgendaEvent", { description: "A change to a live agenda, with the whole agenda as it stood right after it." })
export class AgendaEventType {
  @Field(() => String, { description: "Resume point: pass it as `after` to receive only what follows." })
  cursor!: string;
  @Field(() => AgendaEventKind, { description: "What changed." })
  kind!: keyof typeof AgendaEventKind;
  @Field(() => Date, { description: "When it changed." })
  occurredAt!: Date;
  @Field(() => ID, { nullable: true, description: "The item concerned, if one." })
  itemId?: string | null;
}

@ObjectType("MeetingEvent", { description: "A meeting of an organisation was scheduled, rescheduled or changed status or membership." })
export class MeetingEventType {
  @Field(() => String, { description: "Resume point: pass it as `after` to receive only what follows." })
  cursor!: string;
  @Field(() => MeetingEventKind, { description: "What happened." })
  kind!: keyof typeof MeetingEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}

@ObjectType("ActionItemEvent", { description: "An action item of an organisation changed." })
export class ActionItemEventType {
  @Field(() => String, { description: "Resume point: pass it as `after` to receive only what follows." })
  cursor!: string;
  @Field(() => ActionItemEventKind, { description: "What happened." })
  kind!: keyof typeof ActionItemEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}

@ObjectType("MeetingPayload", { description: "Result of a mutation on a meeting." })
export class MeetingPayload {
  @Field(() => MeetingType, { nullable: true, description: "The meeting after the change; null when refused." })
  meeting?: MeetingType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("AgendaItemPayload", { description: "Result of a mutation on an agenda item." })
export class AgendaItemPayload {
  @Field(() => AgendaItemType, { nullable: true, description: "The item after the change; null when refused or removed." })
  item?: AgendaItemType | null;
  @Field(() => MeetingType, { nullable: true, description: "Its meeting after the change." })
  meeting?: MeetingType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("DecisionPayload", { description: "Result of recording a decision." })
export class DecisionPayload {
  @Field(() => DecisionType, { nullable: true, description: "The decision; null when refused." })
  decision?: DecisionType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("ActionItemPayload", { description: "Result of a mutation on an action item." })
export class ActionItemPayload {
  @Field(() => ActionItemType, { nullable: true, description: "The item after the change; null when refused." })
  actionItem?: ActionItemType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("MinutesPayload", { description: "Result of a mutation on minutes." })
export class MinutesPayload {
  @Field(() => MinutesType, { nullable: true, description: "The minutes after the change; null when refused." })
  minutes?: MinutesType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("TopicPayload", { description: "Result of a mutation on a topic." })
export class TopicPayload {
  @Field(() => TopicType, { nullable: true, description: "The topic after the change; null when refused." })
  topic?: TopicType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
