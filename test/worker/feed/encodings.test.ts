// Every charset the parsing issue names, decoded by workerd's own TextDecoder (Node 20's gets
// several of these wrong, so this runs in the Workers runtime). Each title is a sentence of our
// own, encoded once with Python's codecs; the hex below is those bytes.
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

const CASES: Array<[label: string, text: string, hex: string]> = [
  [
    "ISO-8859-2",
    "Nowy rozkład tramwajów w Łodzi od środy",
    "4e6f777920726f7a6bb36164207472616d77616af377207720a36f647a69206f6420b6726f6479",
  ],
  [
    "ISO-8859-5",
    "Новый паром выходит в море в среду",
    "bdded2ebd920dfd0e0dedc20d2ebe5ded4d8e220d220dcdee0d520d220e1e0d5d4e3",
  ],
  [
    "ISO-8859-7",
    "Το νέο πλοίο αναχωρεί την Τετάρτη",
    "d4ef20edddef20f0ebefdfef20e1ede1f7f9f1e5df20f4e7ed20d4e5f4dcf1f4e7",
  ],
  ["ISO-8859-15", "Le café coûte 2 € à la gare", "4c6520636166e920636ffb7465203220a420e0206c612067617265"],
  [
    "windows-1250",
    "Nový jízdní řád platí od středy",
    "4e6f76fd206aed7a646eed20f8e16420706c6174ed206f64207374f8656479",
  ],
  [
    "windows-1251",
    "Библиотека открыта до восьми вечера",
    "c1e8e1ebe8eef2e5eae020eef2eaf0fbf2e020e4ee20e2eef1fcece820e2e5f7e5f0e0",
  ],
  [
    "windows-1253",
    "Η βιβλιοθήκη κλείνει στις οκτώ",
    "c720e2e9e2ebe9efe8deeae720eaebe5dfede5e920f3f4e9f220efeaf4fe",
  ],
  [
    "windows-1254",
    "Kütüphane çarşamba günü açılıyor",
    "4bfc74fc7068616e6520e76172fe616d62612067fc6efc2061e7fd6cfd796f72",
  ],
  ["windows-1255", "הספרייה פתוחה עד שמונה בערב", "e4f1f4f8e9e9e420f4fae5e7e420f2e320f9eee5f0e420e1f2f8e1"],
  [
    "windows-1256",
    "المكتبة مفتوحة حتى الثامنة مساء",
    "c7e1e3dfcac8c920e3ddcae6cdc920cdcaec20c7e1cbc7e3e4c920e3d3c7c1",
  ],
  [
    "windows-1257",
    "Bibliotēka ir atvērta līdz astoņiem",
    "4269626c696f74e76b6120697220617476e7727461206cee647a206173746ff269656d",
  ],
  [
    "KOI8-R",
    "Паром отправляется в семь утра",
    "f0c1d2cfcd20cfd4d0d2c1d7ccd1c5d4d3d120d720d3c5cdd820d5d4d2c1",
  ],
  [
    "Shift_JIS",
    "新しいフェリーは水曜日に出港します",
    "905682b582a283748346838a815b82cd9085976a93fa82c98f6f8d6082b582dc82b7",
  ],
  [
    "EUC-JP",
    "図書館は午後八時まで開いています",
    "bfdebdf1b4dba4cfb8e1b8e5c8acbbfea4dea4c7b3aba4a4a4c6a4a4a4dea4b9",
  ],
  ["GBK", "新渡轮将于周三起航", "d0c2b6c9c2d6bdabd3dad6dcc8fdc6f0babd"],
  ["GB2312", "图书馆晚上八点关门", "cdbccae9b9ddcdedc9cfb0cbb5e3b9d8c3c5"],
  ["Big5", "新渡輪將於週三啟航", "b773b4e7bdfcb14ea9f3b667a454b1d2afe8"],
  [
    "EUC-KR",
    "새 여객선이 수요일에 출항합니다",
    "bbf520bfa9b0b4bcb1c0cc20bcf6bfe4c0cfbfa120c3e2c7d7c7d5b4cfb4d9",
  ],
];

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const fromHex = (hex: string) => (hex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16));

/** An RSS document whose item title is the given bytes; the prolog declares `label` if given. */
function rssWithTitleBytes(label: string | undefined, title: number[]): Uint8Array {
  const prolog = label ? `<?xml version="1.0" encoding="${label}"?>` : "";
  const head = `${prolog}<rss version="2.0"><channel><title>Notices</title><link>https://notices.example.org/</link><item><title>`;
  const tail = "</title><link>https://notices.example.org/1</link></item></channel></rss>";
  return new Uint8Array([...ascii(head), ...title, ...ascii(tail)]);
}

describe("legacy charsets, declared in the XML prolog", () => {
  it.each(CASES)("%s", (label, text, hex) => {
    const feed = parseFeed(rssWithTitleBytes(label, fromHex(hex)));
    expect(feed.items[0]?.title).toBe(text);
  });
});

describe("legacy charsets, given only by the HTTP Content-Type", () => {
  it.each(CASES)("%s", (label, text, hex) => {
    const feed = parseFeed(rssWithTitleBytes(undefined, fromHex(hex)), {
      contentType: `application/rss+xml; charset=${label}`,
    });
    expect(feed.items[0]?.title).toBe(text);
  });
});
