import { RuleViolation } from "./mutation.js";

/**
 * Screening of free text that leaves the circle allowed to know a person: de-identified topics
 * raised to policy bodies, worries heard at hubs. It looks for what singles someone out — a name
 * (with an honorific, in kana, or a common surname with a given name), a case number, an address,
 * a phone number or e-mail, a date of birth — and refuses the text, to be reworded. It cannot prove
 * a text anonymous; it catches the usual ways a person slips in, while ordinary policy language
 * (「ひきこもり支援の連携について」, 「お子さんのいる世帯」, 「第1号被保険者」) passes.
 */
export type IdentifyingKind = "NAME" | "KANA_NAME" | "CASE_NUMBER" | "ADDRESS" | "PHONE" | "EMAIL" | "BIRTH_DATE" | "AGE_AND_PLACE";

export interface IdentifyingDetail {
  kind: IdentifyingKind;
  /** The text found, as written (after width normalisation). */
  match: string;
}

export const IDENTIFYING_KIND_LABEL: Record<IdentifyingKind, string> = {
  NAME: "氏名・呼び名",
  KANA_NAME: "氏名の読み",
  CASE_NUMBER: "ケース番号",
  ADDRESS: "住所",
  PHONE: "電話番号",
  EMAIL: "メールアドレス",
  BIRTH_DATE: "生年月日",
  AGE_AND_PLACE: "年齢と地区",
};

const KANJI = "一-龥々〆ヶ";
/** An honorific, unless the letters after it make another word (様子, 様式, 様々, 氏名, ちゃんと, さまざま…). */
const HONORIFIC =
  "(?:さん|さま(?!ざ)|(?<![多同仕模異各有文紋])(?<!(?:^|[^一-龥])一)様(?![々子式態相])|氏(?![名族])|君(?!主)|くん|ちゃん(?!と)|殿(?!堂))";

/** Words that take an honorific but name a role or a relation, not a person. Matched at the end of the word before it. */
const ROLE_WORDS = [
  "利用者",
  "相談者",
  "患者",
  "家族",
  "親族",
  "息子",
  "娘婿",
  "母親",
  "父親",
  "大家",
  "家主",
  "世帯主",
  "店主",
  "民生委員",
  "委員",
  "支援員",
  "相談員",
  "職員",
  "社員",
  "店員",
  "担当者",
  "関係者",
  "当事者",
  "本人",
  "住民",
  "町民",
  "市民",
  "先生",
  "医者",
  "医師",
  "看護師",
  "保健師",
  "管理人",
  "後見人",
  "保証人",
  "代理人",
  "隣人",
  "友人",
  "知人",
  "住人",
  "近所",
  "兄弟",
  "姉妹",
  "祖父",
  "祖母",
  "叔父",
  "叔母",
  "伯父",
  "伯母",
  "子供",
  "子ども",
  "皆",
  "神",
  "仏",
  "王",
  "姫",
  "会長",
  "自治会長",
  "町内会長",
  "班長",
  "区長",
  "課長",
  "部長",
  "社長",
  "校長",
  "園長",
  "所長",
  "館長",
  "議長",
  "事務局",
  "運転手",
  "相手",
  "業者",
  "事業所",
  "施設",
  "病院",
  "薬局",
  "役所",
  "市役所",
  "警察",
  "消防",
  "学校",
  "園",
  "お客",
  "主人",
  "旦那",
  "両親",
  "親御",
  "苦労",
  "世話",
  "馳走",
  "得意",
  "殿",
];
/** One-kanji relation words, only as a whole word or after お／ご (お子さん, 奥さん, 赤ちゃん). */
const SHORT_RELATIONS = new Set([
  "子",
  "母",
  "父",
  "兄",
  "姉",
  "弟",
  "妹",
  "孫",
  "嫁",
  "婿",
  "奥",
  "娘",
  "赤",
  "客",
  "皆",
  "嬢",
  "隣",
  "坊",
  "陰",
]);
const KATAKANA_ROLES = [
  "ヘルパー",
  "ケアマネ",
  "ケアマネジャー",
  "ケアマネージャー",
  "ワーカー",
  "ボランティア",
  "サポーター",
  "スタッフ",
  "ドライバー",
  "コーディネーター",
  "カウンセラー",
  "リーダー",
  "メンバー",
  "オーナー",
  "ママ",
  "パパ",
  "ソーシャルワーカー",
  "ケースワーカー",
];
/** Hiragana words before さん etc. that are not names (たくさん, おかげさま, みなさん, おばあちゃん…). */
const HIRAGANA_WORDS = [
  "たく",
  "おかげ",
  "おつかれ",
  "ごくろう",
  "おたがい",
  "ごちそう",
  "みな",
  "おじい",
  "おばあ",
  "じい",
  "ばあ",
  "おじ",
  "おば",
  "おかあ",
  "おとう",
  "かあ",
  "とう",
  "おにい",
  "おねえ",
  "にい",
  "ねえ",
  "あか",
  "おこ",
  "おきゃく",
  "おいしゃ",
  "おまわり",
  "むすめ",
  "むすこ",
  "おく",
  "おとな",
  "ありさ",
  "ごしゅじん",
  "おくさ",
  "よめ",
  "まご",
  "およめ",
  "おむこ",
  "おまご",
  "おとなり",
  "おとしより",
  "おともだち",
  "ほいくし",
];

/** Common surnames (nationwide and in Yamagata), to catch a full name written without an honorific. */
const SURNAMES = [
  "佐藤",
  "鈴木",
  "高橋",
  "田中",
  "伊藤",
  "渡辺",
  "渡邉",
  "山本",
  "中村",
  "小林",
  "加藤",
  "吉田",
  "山田",
  "佐々木",
  "山口",
  "松本",
  "井上",
  "木村",
  "斎藤",
  "齋藤",
  "斉藤",
  "清水",
  "山崎",
  "阿部",
  "森田",
  "池田",
  "橋本",
  "石川",
  "前田",
  "藤田",
  "後藤",
  "岡田",
  "長谷川",
  "村上",
  "近藤",
  "石井",
  "遠藤",
  "青木",
  "坂本",
  "菅原",
  "武田",
  "五十嵐",
  "土田",
  "本間",
  "結城",
  "大沼",
  "奥山",
  "庄司",
  "板垣",
  "安達",
  "丹野",
  "柴田",
  "工藤",
  "今野",
  "紺野",
  "須藤",
  "大泉",
  "菊地",
  "菊池",
  "芳賀",
  "梅津",
  "海藤",
];
/** What follows a surname-like word when it is a place or an organisation, not a given name. */
const NOT_GIVEN_NAME =
  /^(?:地区|地域|町|村|市|区|郡|県|課|部|会|家|屋|寺|病院|医院|医療|商店|薬局|学校|小学校|中学校|高校|線|駅|川|山|橋|団地|荘|方|氏|様)/;
/** Katakana words that often stand side by side with a space in ordinary text (ケース ワーカー). */
const KATAKANA_VOCABULARY = new Set([
  ...KATAKANA_ROLES,
  "ケース",
  "ワーク",
  "サポート",
  "ネットワーク",
  "システム",
  "サービス",
  "プラン",
  "チーム",
  "センター",
  "ステーション",
  "プログラム",
  "アウトリーチ",
  "ソーシャル",
  "コミュニティ",
  "サロン",
  "カフェ",
  "フード",
  "バンク",
  "ドライブ",
  "スクール",
  "ルーム",
]);

const HAS_KANJI_RUN = new RegExp(`[${KANJI}]`);

/** A word that begins with a common surname, not followed by what makes it a place (山田地区): 田中所長, 佐藤部長. */
function startsWithSurname(prefix: string): boolean {
  return SURNAMES.some((name) => prefix.startsWith(name) && !NOT_GIVEN_NAME.test(prefix.slice(name.length)));
}

function isRoleWord(prefix: string, before: string): boolean {
  if (startsWithSurname(prefix)) return false; // 田中所長さん names the director
  if (ROLE_WORDS.some((w) => prefix.endsWith(w))) return true;
  if (/(?:者|員|師|士|族|長|主|所|店|局)$/.test(prefix)) return true; // 高齢者さん, 相談員さん, 保育士さん, 自治会長さん…
  const last = prefix.slice(-1);
  if (SHORT_RELATIONS.has(last) && (prefix.length === 1 || /[おご]$/.test(before))) return true;
  return false;
}

/** Names followed by an honorific: 山田さん, 佐藤太郎様, ヤマダ氏, A氏, はなこちゃん. */
function honorificNames(text: string): IdentifyingDetail[] {
  const found: IdentifyingDetail[] = [];
  // A space may stand between a name and its honorific (山田 さん, 田中　様).
  const re = new RegExp(`([${KANJI}]{1,16}|[ァ-ヶー・]{2,16}|[A-Za-z][A-Za-z.]{0,15}|[ぁ-ゖ]{2,6}) ?(${HONORIFIC})`, "g");
  for (const m of text.matchAll(re)) {
    const prefix = m[1]!;
    const start = m.index!;
    const before = text.slice(Math.max(0, start - 1), start);
    if (HAS_KANJI_RUN.test(prefix[0]!)) {
      if (isRoleWord(prefix, before)) continue;
    } else if (/^[ァ-ヶー・]/.test(prefix)) {
      if (KATAKANA_ROLES.some((w) => prefix.endsWith(w))) continue;
    } else if (/^[A-Za-z]/.test(prefix)) {
      if (/[A-Za-z0-9]$/.test(before)) continue;
    } else {
      // Hiragana: a name stands as its own word, after punctuation, a space, the start or a particle
      // (母のはなこさん); a word that only ends like one (さとう, not とう) is a name.
      // A word of the list with お／ご (おこさん) is that word whatever comes before it; another (とう) only
      // as the whole word or after a particle, so that さとうさん is a name.
      const name = hiraganaWord(prefix, before);
      const isWord = (w: string) =>
        name === w || (name!.endsWith(w) && (/^[おご]/.test(w) || PARTICLE.test(name!.slice(-w.length - 1, -w.length))));
      if (!name || HIRAGANA_WORDS.some(isWord)) continue;
    }
    found.push({ kind: "NAME", match: m[0] });
  }
  return found;
}

const PARTICLE = /^[のはがをにへともや]$/;

/** The hiragana word before an honorific: the run itself when it stands alone, else what follows its first particle. */
function hiraganaWord(run: string, before: string): string | undefined {
  if (!before || /[\s、。，．「」『』（）()・:：,.!?！？]/.test(before)) return run;
  const at = [...run].findIndex((c) => PARTICLE.test(c));
  return at >= 0 && run.length - at - 1 >= 2 ? run.slice(at + 1) : undefined;
}

/** A household by its surname: 山田家, 佐藤家の… (家族, 家庭 and 家計 are words). */
function householdNames(text: string): IdentifyingDetail[] {
  const re = new RegExp(`(?<![${KANJI}])(?:${SURNAMES.join("|")})家(?![族庭計事屋賃具電財政])`, "g");
  return [...text.matchAll(re)].map((m) => ({ kind: "NAME" as const, match: m[0] }));
}

/** One person by age: an exact age said of someone (87歳女性, 92歳の独居男性, 55歳の息子), not 65歳以上 or 20歳のつどい. */
const PERSON_AGE = `(?<!\\d)\\d{1,3}\\s{0,8}歳\\s{0,8}(?:の\\s{0,8})?(?:男性|女性|男|女|方(?!々)|長男|長女|次男|次女|息子|娘|夫|妻|母|父|祖父|祖母|本人|独居|単身|一人暮らし|ひとり暮らし)`;
/** A district or town by name (本沢地区, 七日町), not 各地区, 市町村 or 町内会. */
const NAMED_PLACE = `(?<![${KANJI}])(?![各全他同両市])[${KANJI}]{1,6}(?:地区|町|村)(?![内会民村])`;
const AGE_IN_PLACE = new RegExp(`${NAMED_PLACE}.{0,20}?${PERSON_AGE}|${PERSON_AGE}.{0,20}?${NAMED_PLACE}`);

/** An exact age of someone, said beside a district or town: in a small district, 92歳の独居男性 is someone. */
function agesInPlaces(text: string): IdentifyingDetail[] {
  const found = AGE_IN_PLACE.exec(text);
  return found ? [{ kind: "AGE_AND_PLACE", match: found[0] }] : [];
}

/** A common surname followed by a given name of one to three kanji: 佐藤太郎, 山田花子が… */
function surnameNames(text: string): IdentifyingDetail[] {
  const found: IdentifyingDetail[] = [];
  const re = new RegExp(`(?<![${KANJI}])(${SURNAMES.join("|")})([${KANJI}]{1,3})(?![${KANJI}])`, "g");
  for (const m of text.matchAll(re)) {
    if (NOT_GIVEN_NAME.test(m[2]!)) continue;
    found.push({ kind: "NAME", match: m[0] });
  }
  return found;
}

/** A full name in katakana, two words with a space (ヤマダ タロウ), unless both are ordinary words. */
function katakanaNames(text: string): IdentifyingDetail[] {
  const found: IdentifyingDetail[] = [];
  for (const m of text.matchAll(/(?<![ァ-ヶー])([ァ-ヶ][ァ-ヶー]{1,7}) ([ァ-ヶ][ァ-ヶー]{1,7})(?![ァ-ヶー])/g)) {
    if (KATAKANA_VOCABULARY.has(m[1]!) || KATAKANA_VOCABULARY.has(m[2]!)) continue;
    found.push({ kind: "KANA_NAME", match: m[0] });
  }
  return found;
}

const PATTERNS: [IdentifyingKind, RegExp][] = [
  // Readings of names: やまだ たろう, 山田太郎（やまだたろう）, 山田太郎（ヤマダ タロウ）, ふりがな：…
  ["KANA_NAME", /(?:^|[\s、。「(])[ぁ-ゖ]{2,6} [ぁ-ゖ]{2,6}(?=$|[\s、。」)がのはをにへとも])/],
  ["KANA_NAME", new RegExp(`[${KANJI}]{2,12}\\([ぁ-ゖ]{3,16} ?[ぁ-ゖ]{0,16}\\)|[${KANJI}]{2,12}\\([ァ-ヶー]{2,16} [ァ-ヶー]{2,16}\\)`)],
  ["KANA_NAME", /(?:ふりがな|フリガナ|よみがな|ヨミガナ|カナ氏名)\s{0,8}[:：]/],
  // Case numbers as the cases subgraph writes them (fiscal year, dash, five digits), or labelled.
  ["CASE_NUMBER", /(?<![\d-])(?:19|20)\d{2}(?:年度)?[ /-]\d{5}(?![\d-])/],
  ["CASE_NUMBER", /(?:ケース|事例)\s{0,8}(?:No\.?|#)?\s{0,8}0\d{4}(?!\d)/],
  ["CASE_NUMBER", /(?:ケース|事例|相談)(?:番号|No\.?|NO\.?|#)[\s:：]{0,8}[A-Za-z0-9-]{0,20}\d/],
  // Contact details.
  ["EMAIL", /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/],
  ["PHONE", /(?<![\d-])0\d{1,4}-\d{1,4}-\d{3,4}(?![\d-])/],
  ["PHONE", /(?<![\d-])0\d{1,4} ?\(\d{1,4}\) ?\d{3,4}(?!\d)/],
  // Spaces, dots or の between the groups: 090 1234 5678, 090.1234.5678, 〇二三の六二二の一一一一.
  ["PHONE", /(?<![\d-])0\d{1,4}([ .の])\d{1,4}\1\d{3,4}(?![\d-])/],
  ["PHONE", /(?<![\d-])0[5789]0\d{8}(?!\d)|(?<![\d-])0\d{9}(?!\d)/],
  ["PHONE", /(?:電話|TEL|Tel|tel|携帯)(?:番号)?[\s:：]{0,8}\d{2,}(?![\d件回人%名か])/],
  // Addresses: postal codes, 丁目・番地・番・号, block numbers, a town of 山形市 with a number.
  ["ADDRESS", /〒\s{0,8}\d{3}[- ]?\d{4}|(?<![\d-])\d{3}-\d{4}(?![\d-])|郵便番号[\s:：は]{0,8}\d{3}[- ]?\d{4}/],
  // A town and its block in kanji numerals: 七日町二の三, 十日町一番五号, 一番地.
  [
    "ADDRESS",
    new RegExp(`[${KANJI}]{1,6}[町村]\\s{0,8}[〇一二三四五六七八九十\\d]{1,4}\\s{0,8}(?:の|番地?)\\s{0,8}[〇一二三四五六七八九十\\d]{1,4}`),
  ],
  ["ADDRESS", /(?<![〇一二三四五六七八九十])[〇一二三四五六七八九十]+\s{0,8}番地/],
  ["ADDRESS", /(?:(?<!\d)\d+|(?<![一二三四五六七八九十])[一二三四五六七八九十]+)\s{0,8}丁目/],
  ["ADDRESS", /(?<!\d)\d+\s{0,8}番地|(?<!\d)\d+\s{0,8}番\s{0,8}\d+\s{0,8}号/],
  ["ADDRESS", /(?<![\d.\-/])\d{1,4}-\d{1,4}-\d{1,4}(?![\d.\-/])/],
  [
    "ADDRESS",
    new RegExp(
      `山形市[${KANJI}ァ-ヶー]{1,12}?\\s{0,8}(?:\\d{1,5}(?:-\\d+)*(?![\\d年月日人件世回歳か万千百%度])|[一二三四五六七八九十]+(?:丁目|番))`,
    ),
  ],
  [
    "ADDRESS",
    new RegExp(`[${KANJI}]{1,6}[町村]\\s{0,8}(?:大字[${KANJI}]{1,6}\\s{0,8})?\\d{1,5}(?:-\\d{1,5})*(?![\\d年月日人件世回歳か万千百%度])`),
  ],
  ["ADDRESS", /(?:住所|現住所|居所)\s{0,8}[:：]/],
  // Dates of birth: labelled, followed by 生／生まれ, or a full date in an era before 平成.
  ["BIRTH_DATE", /生年月日[\s:：は]{0,8}(?:\d|明治|大正|昭和|平成|令和|[MTSHR]\d)/],
  [
    "BIRTH_DATE",
    /(?:明治|大正|昭和|平成|令和|(?:19|20)\d{2})\s{0,8}(?:\d{1,2}|元)?\s{0,8}年\s{0,8}\d{1,2}\s{0,8}月(?:\s{0,8}\d{1,2}\s{0,8}日)?\s{0,8}(?:生まれ|誕生|生(?=$|[\s)、。]))/,
  ],
  ["BIRTH_DATE", /(?:[MTSHR]\.?\s{0,8}\d{1,2}|(?:19|20)\d{2})[./-]\d{1,2}[./-]\d{1,2}\s{0,8}(?:生まれ|誕生|生(?=$|[\s)、。]))/],
  ["BIRTH_DATE", /(?:明治|大正|昭和)\s{0,8}(?:\d{1,2}|元)\s{0,8}年\s{0,8}\d{1,2}\s{0,8}月\s{0,8}\d{1,2}\s{0,8}日/],
  ["BIRTH_DATE", /[MTS]\d{1,2}\.\d{1,2}\.\d{1,2}/],
  // The year one person was born (昭和50年生まれの男性, 1975年生まれの長男, S50生まれ); not a cohort (令和元年生まれの子).
  [
    "BIRTH_DATE",
    /(?:明治|大正|昭和|平成|令和|(?<!\d)(?:19|20)\d{2})\s{0,8}(?:(?<=[治正和成])(?:\d{1,2}|元)\s{0,8})?年\s{0,8}生まれ\s{0,8}の?\s{0,8}(?:男性|女性|男|女|方(?!々)|長男|長女|次男|次女|息子|娘|夫|妻|母|父|本人)/,
  ],
  ["BIRTH_DATE", /(?<![A-Za-z])[MTSHR]\.?\s{0,8}\d{1,2}(?:\s{0,8}年)?\s{0,8}生まれ/],
  ["BIRTH_DATE", /(?<!\d)\d{1,2}\s{0,8}月\s{0,8}\d{1,2}\s{0,8}日\s{0,8}(?:生まれ|誕生|生(?=$|[\s)、。]))/],
];

const KANJI_DIGITS = "〇一二三四五六七八九";

/** A number in kanji as a number: 〇九〇 → 090 (digit by digit), 五十 → 50, 二十三 → 23, 十 → 10. */
function kanjiNumber(kanji: string): string {
  if (!kanji.includes("十")) return [...kanji].map((c) => KANJI_DIGITS.indexOf(c)).join("");
  const [tens, ones] = kanji.split("十");
  return String((tens ? KANJI_DIGITS.indexOf(tens) : 1) * 10 + (ones ? KANJI_DIGITS.indexOf(ones) : 0));
}

/**
 * Full-width letters and digits, and dashes of every kind between digits, as ASCII; numbers written in
 * kanji as digits where they stand for a number someone could be found by: runs of three or more digits
 * (〇九〇‐一二三四‐五六七八), and a year, month, day or age (昭和五十年五月五日, 八十七歳).
 */
export function normalizeForScreening(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[〇一二三四五六七八九]{3,}/g, kanjiNumber)
    .replace(/(?<![〇一二三四五六七八九十])[一二三四五六七八九]?十?[一二三四五六七八九]?(?=年|月|歳)/g, (n) => (n ? kanjiNumber(n) : n))
    .replace(/(?<=月\s{0,8})[一二三四五六七八九]?十?[一二三四五六七八九]?(?=日)/g, (n) => (n ? kanjiNumber(n) : n))
    .replace(/(?<=\d)\s*[‐‑‒–—―−ｰー－]\s*(?=\d)/g, "-");
}

/** Everything in `text` that looks like it identifies a person, first found first. */
export function findIdentifyingDetails(text: string): IdentifyingDetail[] {
  const normal = normalizeForScreening(text);
  const found: IdentifyingDetail[] = [
    ...honorificNames(normal),
    ...surnameNames(normal),
    ...householdNames(normal),
    ...katakanaNames(normal),
    ...agesInPlaces(normal),
  ];
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(normal);
    if (m) found.push({ kind, match: m[0].trim() });
  }
  return found;
}

/**
 * Refuses a text that identifies a person, as a user error naming the field. `code` defaults to
 * `IDENTIFYING_DETAILS`; a subgraph with an older published code passes its own.
 */
export function refuseIdentifyingDetails(text: string, field: string, label: string, code = "IDENTIFYING_DETAILS"): void {
  const [first] = findIdentifyingDetails(text);
  if (!first) return;
  throw new RuleViolation(
    code,
    `${label}に個人を特定できる情報（${IDENTIFYING_KIND_LABEL[first.kind]}：「${first.match}」）が含まれています。人やケースが分からない表現に書き換えてください。`,
    [field],
  );
}
