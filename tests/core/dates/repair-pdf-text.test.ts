// Repairs of PDF text extraction damage, and the damaged spellings of month and weekday names the lexicon reads.
import { describe, expect, it } from 'vitest';
import { pdfSpellings } from '../../../lambda/core/dates/date-lexicon.ts';
import { PDF_DAMAGE, repairPdfText } from '../../../lambda/core/dates/repair-pdf-text.ts';

describe('repairPdfText', () => {
  it.each([
    ['ال�سبت', 'السبت'],
    ['�شباط', 'شباط'],
    ['األح��د', 'األحد'],
    ['اŸوافق', 'الموافق'],
    ['ذو ا◊جة', 'ذو الحجة'],
    // A line extracted in visual order is put back in logical order, numbers and Latin words as written.
    ['2021 سرﺎﻣ ، 29 دﺪﻌﻟا', 'اﻟﻌﺪد 29 ، ﻣﺎرس 2021'],
    ['12/05 (ﻮﻳﺎﻣ) GMT', 'GMT (ﻣﺎﻳﻮ) 12/05'],
    ['ﻣﺎﻳﻮ 2024 اﻟﻌﺪد 5', 'ﻣﺎﻳﻮ 2024 اﻟﻌﺪد 5'],
    // Kept: beside digits or spaces (a lost digit or a lone mark), and the symbols outside Arabic words.
    ['1�5 مايو', '1�5 مايو'],
    ['االثنني � 15', 'االثنني � 15'],
    ['L’HAŸ-LES-ROSES ◊ 5', 'L’HAŸ-LES-ROSES ◊ 5'],
  ])('%s → %s', (text, repaired) => {
    expect(PDF_DAMAGE.test(text) || text === repaired).toBe(true);
    expect(repairPdfText(text)).toBe(repaired);
  });
});

describe('pdfSpellings', () => {
  it.each([
    ['تموز', 'متوز'],
    ['دجنبر', 'دجنرب'],
    ['الحجه', 'احلجه'],
    ['الخميس', 'اخلميس'],
    ['الاثنين', 'االثنني'],
    ['رمضان', 'رمضضان'],
    ['افريل', 'اافريل'],
  ])('%s is also spelled %s', (word, damaged) => {
    expect(pdfSpellings(word)).toContain(damaged);
  });

  it('never gives the word itself, a Latin word or a two-letter word', () => {
    expect(pdfSpellings('رجب')).not.toContain('رجب');
    expect(pdfSpellings('july')).toEqual([]);
    expect(pdfSpellings('اب')).toEqual([]);
  });
});
