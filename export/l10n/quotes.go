package l10n

// QuoteMarks are the quotation marks of a language: the double quotes
// that open and close a quotation, and the single quotes of one quoted
// inside it, each with the space its typography puts between the mark
// and the words (French sets « » a narrow no-break space from them).
type QuoteMarks struct {
	OpenDouble, CloseDouble, OpenSingle, CloseSingle string
	// SpacedPunctuation is set for French, which sets a no-break space
	// before ; ! ? (narrow) and : (a word space wide): a space typed
	// there becomes it, so that the mark never starts a line.
	SpacedPunctuation bool
}

// Quotes returns the quotation marks of a BCP 47 language tag, looked up
// as For looks up words: of the tag, its script or its language; English
// when the table has none. Arabic's and Urdu's are the CLDR's, English's
// mirrored for their right-to-left lines (” opens, “ closes: the mark at
// the line's right faces the words on its left), as browsers set a <q> in
// Arabic; Hebrew's (” at both ends) are the same glyph either way, and
// Persian's « » and ‹ › are mirrored by the bidirectional algorithm
// itself, as every guillemet is in a right-to-left run.
func Quotes(lang string) QuoteMarks {
	for _, k := range keys(lang) {
		for _, q := range quoteTable {
			if q.lang == k {
				return q.marks
			}
		}
	}
	return quoteTable[0].marks
}

// nnbsp is the narrow no-break space French sets inside « ».
const nnbsp = "\u202f"

// quoteTable is every language's quotation marks, English first (the
// fallback): the Unicode CLDR's delimiters (quotationStart/End, then
// alternateQuotationStart/End), and French's spaces from the Imprimerie
// nationale's rules (Switzerland's French sets none).
var quoteTable = []struct {
	lang  string
	marks QuoteMarks
}{
	{"en", QuoteMarks{"“", "”", "‘", "’", false}},
	{"ar", QuoteMarks{"”", "“", "’", "‘", false}},
	{"bg", QuoteMarks{"„", "“", "„", "“", false}},
	{"ca", QuoteMarks{"«", "»", "“", "”", false}},
	{"cs", QuoteMarks{"„", "“", "‚", "‘", false}},
	{"da", QuoteMarks{"“", "”", "‘", "’", false}},
	{"de", QuoteMarks{"„", "“", "‚", "‘", false}},
	{"de-ch", QuoteMarks{"«", "»", "‹", "›", false}},
	{"el", QuoteMarks{"«", "»", "“", "”", false}},
	{"es", QuoteMarks{"«", "»", "“", "”", false}},
	{"et", QuoteMarks{"„", "“", "‚", "‘", false}},
	{"fa", QuoteMarks{"«", "»", "‹", "›", false}},
	{"fi", QuoteMarks{"”", "”", "’", "’", false}},
	{"fr", QuoteMarks{"«" + nnbsp, nnbsp + "»", "“", "”", true}},
	{"fr-ch", QuoteMarks{"«", "»", "‹", "›", false}},
	{"he", QuoteMarks{"”", "”", "’", "’", false}},
	{"hr", QuoteMarks{"„", "“", "‚", "‘", false}},
	{"hu", QuoteMarks{"„", "”", "»", "«", false}},
	{"it", QuoteMarks{"«", "»", "“", "”", false}},
	{"ja", QuoteMarks{"「", "」", "『", "』", false}},
	{"lt", QuoteMarks{"„", "“", "„", "“", false}},
	{"nb", QuoteMarks{"«", "»", "‘", "’", false}},
	{"nl", QuoteMarks{"‘", "’", "“", "”", false}},
	{"nn", QuoteMarks{"«", "»", "‘", "’", false}},
	{"no", QuoteMarks{"«", "»", "‘", "’", false}},
	{"pl", QuoteMarks{"„", "”", "«", "»", false}},
	{"pt-pt", QuoteMarks{"«", "»", "“", "”", false}},
	{"ro", QuoteMarks{"„", "”", "«", "»", false}},
	{"ru", QuoteMarks{"«", "»", "„", "“", false}},
	{"sk", QuoteMarks{"„", "“", "‚", "‘", false}},
	{"sl", QuoteMarks{"„", "“", "‚", "‘", false}},
	{"sv", QuoteMarks{"”", "”", "’", "’", false}},
	{"uk", QuoteMarks{"«", "»", "„", "“", false}},
	{"ur", QuoteMarks{"”", "“", "’", "‘", false}},
	{"zh-hant", QuoteMarks{"「", "」", "『", "』", false}},
}
