import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

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

/**
 * The fonts a PDF's pages use, and whether each is embedded, as pdf.js reads them: a font is embedded
 * when its own descriptor holds a font file (FontFile, FontFile2 or FontFile3); pdf.js marks one
 * without `missingFile`. One font's file says nothing about another's.
 */
export async function pdfFonts(data: Buffer): Promise<{ name: string; embedded: boolean }[]> {
  // verbosity 0: pdf.js warns that it has no standard font data for a font that is not embedded, which is what we look for.
  const task = getDocument({ data: new Uint8Array(data), useSystemFonts: false, fontExtraProperties: true, verbosity: 0 });
  const pdf = await task.promise;
  const fonts = new Map<string, boolean>();
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const ops = await page.getOperatorList();
    ops.fnArray.forEach((fn, j) => {
      if (fn !== OPS.setFont) return;
      const font = page.commonObjs.get(String((ops.argsArray[j] as unknown[])[0])) as { name: string; missingFile: boolean };
      fonts.set(font.name, (fonts.get(font.name) ?? true) && !font.missingFile);
    });
  }
  await task.destroy();
  return [...fonts].map(([name, embedded]) => ({ name, embedded }));
}
