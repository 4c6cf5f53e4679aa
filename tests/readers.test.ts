import { describe, expect, it } from "vitest";
import { pdfFonts } from "./helpers/readers.js";

/** A one-page PDF from its objects, with a correct cross-reference table. */
function pdfOf(objects: string[]): Buffer {
  let body = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

describe("pdfFonts", () => {
  it("calls a font embedded only if its own descriptor holds a font file, not because another font's file is in the PDF", async () => {
    const content = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET";
    const fontFile = "not a real font program";
    const pdf = pdfOf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      // Used on the page, with a descriptor and no font file: not embedded.
      "<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>",
      "<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
      // Another font's descriptor, on no page, that does hold a font file.
      "<< /Type /FontDescriptor /FontName /Other /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
      `<< /Length ${fontFile.length} >>\nstream\n${fontFile}\nendstream`,
    ]);
    expect(await pdfFonts(pdf)).toEqual([{ name: "Arial", embedded: false }]);
  });
});
