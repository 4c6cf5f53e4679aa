import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of a PDF as a reader extracts it (pdf.js): lines joined by newlines, pages too. */
export async function pdfText(data: Buffer): Promise<string> {
  return (await pdfPages(data)).join("\n");
}

/** The text of each page of a PDF (pdf.js). */
export async function pdfPages(data: Buffer): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(data), useSystemFonts: false });
  const pdf = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    let line = "";
    const lines: string[] = [];
    for (const item of content.items as { str?: string; hasEOL?: boolean }[]) {
      line += item.str ?? "";
      if (item.hasEOL) {
        lines.push(line);
        line = "";
      }
    }
    if (line) lines.push(line);
    pages.push(lines.join("\n"));
  }
  await task.destroy();
  return pages;
}

/** The fonts a PDF's pages use, and whether each is embedded (a font file in the PDF). */
export async function pdfFonts(data: Buffer): Promise<{ name: string; embedded: boolean }[]> {
  const text = data.toString("latin1");
  const names = [...text.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!);
  const embedded = /\/FontFile2\s/.test(text) || /\/FontFile3\s/.test(text) || /\/FontFile\s/.test(text);
  return [...new Set(names)].map((name) => ({ name, embedded }));
}
