// Package l10n holds the words galley prints of its own, in every
// language it knows, in one table: the contents' title, the page footer,
// the further-reading appendix's titles, the notes' and the cover's names,
// and the callouts' titles. A document's lang picks them, in the PDF and
// in the e-book; a language the table lacks is given English.
package l10n

import (
	"strings"

	"github.com/galley-pub/galley/export/theme"
)

// Words are galley's own words in one language.
type Words struct {
	Lang               string // the table's key: "en", "zh-hant"…
	Contents           string // the table of contents' title
	FurtherReading     string // the appendix's title
	RecommendedReading string // its group of the front matter's references
	LinksCited         string // its group of the links the text cites
	References         string // its group of the works the text cites ([@id])
	Notes              string // the e-book's endnotes
	Cover              string // the e-book's cover page
	page               string // the footer: %[1]s the page's number, %[2]s the count
	// callouts are the titles of the callout kinds, in theme.Callouts'
	// order: note, tip, important, warning, caution.
	callouts [5]string
	// figure and table name a numbered figure and table, %[1]s its
	// number: "Figure 1", "1. ábra"; babel's \figurename and \tablename.
	figure, table string
	// chapter, section and appendix name a numbered book's chapter,
	// section and appendix in a cross-reference: %[1]s its number
	// ("Chapter 3", "Section 3.1", "Appendix A"; "第3章").
	chapter, section, appendix string
}

// Figure names figure n: "Figure 1", "1. ábra", its spaces no-break.
func (w Words) Figure(n string) string { return numbered(w.figure, n) }

// Table names table n: "Table 1", "1. táblázat", its spaces no-break.
func (w Words) Table(n string) string { return numbered(w.table, n) }

// numbered puts n in template, its spaces no-break ones: a figure's name
// is never broken across lines.
func numbered(template, n string) string {
	return strings.ReplaceAll(strings.ReplaceAll(template, " ", "\u00a0"), "%[1]s", n)
}

// Chapter names chapter n in a cross-reference: "Chapter 3".
func (w Words) Chapter(n string) string { return strings.ReplaceAll(w.chapter, "%[1]s", n) }

// Section names section n: "Section 3.1".
func (w Words) Section(n string) string { return strings.ReplaceAll(w.section, "%[1]s", n) }

// Appendix names appendix n: "Appendix A".
func (w Words) Appendix(n string) string { return strings.ReplaceAll(w.appendix, "%[1]s", n) }

// Page is the footer of page n of total.
func (w Words) Page(n, total string) string {
	return strings.NewReplacer("%[1]s", n, "%[2]s", total).Replace(w.page)
}

// Callout is the title of a callout of kind that gives none: the table's
// word for a kind it knows, else theme.CalloutFor's (the kind's name).
func (w Words) Callout(kind string) string {
	c := theme.CalloutFor(kind)
	for i, k := range theme.Callouts {
		if k.Kind == c.Kind && i < len(w.callouts) {
			return w.callouts[i]
		}
	}
	return c.Title
}

// Text is every word, run together: what the fonts must draw.
func (w Words) Text() string {
	return strings.Join(append([]string{w.Contents, w.FurtherReading, w.RecommendedReading, w.LinksCited, w.References, w.Notes, w.Cover, w.Page("0123456789", ""), w.Figure(""), w.Table(""),
		w.Chapter(""), w.Section(""), w.Appendix("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}, w.callouts[:]...), " ")
}

// For returns the words of a BCP 47 language tag: of the tag itself
// ("pt-br"), of its script ("zh-Hant", and zh-TW, zh-HK and zh-MO, which
// write it), or of its language ("pt"; Norwegian's "no" and Nynorsk's
// "nn", Bokmål's words); English when the table has none.
func For(lang string) Words {
	for _, k := range keys(lang) {
		for _, w := range table {
			if w.Lang == k {
				return w
			}
		}
	}
	return table[0]
}

// keys are the table keys a BCP 47 language tag is looked up by, in
// order: the tag itself ("pt-br", "fr-ch"), its script's ("zh-hant", for
// zh-TW, zh-HK and zh-MO too), its language's ("pt"), then, for the
// macrolanguage Norwegian ("no") and Nynorsk ("nn"), Bokmål ("nb"), the
// written standard the most of Norway's pupils read.
func keys(lang string) []string {
	tag := normalTag(lang)
	primary, rest, _ := strings.Cut(tag, "-")
	if primary == "zh" && (strings.HasPrefix(rest, "hant") || rest == "tw" || rest == "hk" || rest == "mo") {
		tag = "zh-hant"
	}
	if primary == "no" || primary == "nn" {
		return []string{tag, primary, "nb"}
	}
	return []string{tag, primary}
}

// normalTag is a language tag as the tables key it: lower case, its
// subtags joined by hyphens ("pt_BR" is "pt-br").
func normalTag(lang string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
}

// Primary returns the language subtag of a BCP 47 tag, read as For reads
// it: "en" of "en_US" and of "EN-gb", "" of no tag.
func Primary(lang string) string {
	primary, _, _ := strings.Cut(normalTag(lang), "-")
	return primary
}

// Languages lists the table's languages, English first.
func Languages() []string {
	out := make([]string, len(table))
	for i, w := range table {
		out[i] = w.Lang
	}
	return out
}

// table is every language's words, English first (the fallback).
var table = []Words{
	{"en", "Contents", "Further reading", "Recommended reading", "Links cited", "References", "Notes", "Cover", "Page %[1]s of %[2]s",
		[5]string{"Note", "Tip", "Important", "Warning", "Caution"}, "Figure %[1]s", "Table %[1]s", "Chapter %[1]s", "Section %[1]s", "Appendix %[1]s"},
	{"ar", "المحتويات", "قراءات إضافية", "قراءات موصى بها", "الروابط المذكورة", "المراجع", "الحواشي", "الغلاف", "صفحة %[1]s من %[2]s",
		[5]string{"ملاحظة", "نصيحة", "مهم", "تحذير", "تنبيه"}, "شكل %[1]s", "جدول %[1]s", "الفصل %[1]s", "القسم %[1]s", "الملحق %[1]s"},
	{"bg", "Съдържание", "Допълнителна литература", "Препоръчителна литература", "Цитирани връзки", "Литература", "Бележки", "Корица", "Страница %[1]s от %[2]s",
		[5]string{"Бележка", "Съвет", "Важно", "Предупреждение", "Внимание"}, "Фигура %[1]s", "Таблица %[1]s", "Глава %[1]s", "Раздел %[1]s", "Приложение %[1]s"},
	{"bn", "সূচিপত্র", "আরও পড়ুন", "প্রস্তাবিত পাঠ", "উদ্ধৃত লিংক", "তথ্যসূত্র", "টীকা", "প্রচ্ছদ", "পৃষ্ঠা %[1]s / %[2]s",
		[5]string{"নোট", "পরামর্শ", "গুরুত্বপূর্ণ", "সতর্কতা", "সাবধান"}, "চিত্র %[1]s", "সারণি %[1]s", "অধ্যায় %[1]s", "অনুচ্ছেদ %[1]s", "পরিশিষ্ট %[1]s"},
	{"ca", "Índex", "Per a saber-ne més", "Lectures recomanades", "Enllaços citats", "Referències", "Notes", "Coberta", "Pàgina %[1]s de %[2]s",
		[5]string{"Nota", "Consell", "Important", "Advertiment", "Precaució"}, "Figura %[1]s", "Taula %[1]s", "Capítol %[1]s", "Secció %[1]s", "Apèndix %[1]s"},
	{"cs", "Obsah", "Další četba", "Doporučená literatura", "Citované odkazy", "Literatura", "Poznámky", "Obálka", "Strana %[1]s z %[2]s",
		[5]string{"Poznámka", "Tip", "Důležité", "Varování", "Upozornění"}, "Obrázek %[1]s", "Tabulka %[1]s", "Kapitola %[1]s", "Oddíl %[1]s", "Příloha %[1]s"},
	{"da", "Indhold", "Yderligere læsning", "Anbefalet læsning", "Citerede links", "Litteratur", "Noter", "Omslag", "Side %[1]s af %[2]s",
		[5]string{"Bemærk", "Tip", "Vigtigt", "Advarsel", "Forsigtig"}, "Figur %[1]s", "Tabel %[1]s", "Kapitel %[1]s", "Afsnit %[1]s", "Bilag %[1]s"},
	{"de", "Inhalt", "Weiterführende Literatur", "Empfohlene Literatur", "Zitierte Links", "Literatur", "Anmerkungen", "Umschlag", "Seite %[1]s von %[2]s",
		[5]string{"Hinweis", "Tipp", "Wichtig", "Warnung", "Vorsicht"}, "Abbildung %[1]s", "Tabelle %[1]s", "Kapitel %[1]s", "Abschnitt %[1]s", "Anhang %[1]s"},
	{"el", "Περιεχόμενα", "Περαιτέρω μελέτη", "Προτεινόμενη βιβλιογραφία", "Σύνδεσμοι που παρατίθενται", "Βιβλιογραφία", "Σημειώσεις", "Εξώφυλλο", "Σελίδα %[1]s από %[2]s",
		[5]string{"Σημείωση", "Συμβουλή", "Σημαντικό", "Προειδοποίηση", "Προσοχή"}, "Σχήμα %[1]s", "Πίνακας %[1]s", "Κεφάλαιο %[1]s", "Ενότητα %[1]s", "Παράρτημα %[1]s"},
	{"es", "Índice", "Lecturas adicionales", "Lecturas recomendadas", "Enlaces citados", "Referencias", "Notas", "Cubierta", "Página %[1]s de %[2]s",
		[5]string{"Nota", "Consejo", "Importante", "Advertencia", "Precaución"}, "Figura %[1]s", "Tabla %[1]s", "Capítulo %[1]s", "Sección %[1]s", "Apéndice %[1]s"},
	{"et", "Sisukord", "Lisalugemist", "Soovitatav kirjandus", "Viidatud lingid", "Kirjandus", "Märkused", "Kaas", "Lehekülg %[1]s / %[2]s",
		[5]string{"Märkus", "Nõuanne", "Oluline", "Hoiatus", "Ettevaatust"}, "Joonis %[1]s", "Tabel %[1]s", "Peatükk %[1]s", "Jaotis %[1]s", "Lisa %[1]s"},
	{"fa", "فهرست مطالب", "مطالعهٔ بیشتر", "منابع پیشنهادی", "پیوندهای ذکرشده", "منابع", "یادداشت‌ها", "جلد", "صفحهٔ %[1]s از %[2]s",
		[5]string{"یادداشت", "نکته", "مهم", "هشدار", "احتیاط"}, "شکل %[1]s", "جدول %[1]s", "فصل %[1]s", "بخش %[1]s", "پیوست %[1]s"},
	{"fi", "Sisällys", "Lisälukemista", "Suositeltavaa luettavaa", "Viitatut linkit", "Lähteet", "Huomautukset", "Kansi", "Sivu %[1]s / %[2]s",
		[5]string{"Huomautus", "Vinkki", "Tärkeää", "Varoitus", "Varo"}, "Kuva %[1]s", "Taulukko %[1]s", "Luku %[1]s", "Osio %[1]s", "Liite %[1]s"},
	{"fr", "Table des matières", "Pour aller plus loin", "Lectures recommandées", "Liens cités", "Références", "Notes", "Couverture", "Page %[1]s sur %[2]s",
		[5]string{"Remarque", "Astuce", "Important", "Avertissement", "Attention"}, "Figure %[1]s", "Tableau %[1]s", "Chapitre %[1]s", "Section %[1]s", "Annexe %[1]s"},
	{"he", "תוכן העניינים", "לקריאה נוספת", "קריאה מומלצת", "קישורים שצוטטו", "מקורות", "הערות", "כריכה", "עמוד %[1]s מתוך %[2]s",
		[5]string{"הערה", "טיפ", "חשוב", "אזהרה", "זהירות"}, "איור %[1]s", "טבלה %[1]s", "פרק %[1]s", "סעיף %[1]s", "נספח %[1]s"},
	{"hi", "विषय-सूची", "अतिरिक्त पठन", "अनुशंसित पठन", "उद्धृत लिंक", "संदर्भ", "टिप्पणियाँ", "आवरण", "पृष्ठ %[1]s / %[2]s",
		[5]string{"टिप्पणी", "सुझाव", "महत्वपूर्ण", "चेतावनी", "सावधानी"}, "चित्र %[1]s", "तालिका %[1]s", "अध्याय %[1]s", "खंड %[1]s", "परिशिष्ट %[1]s"},
	{"hr", "Sadržaj", "Dodatna literatura", "Preporučena literatura", "Citirane poveznice", "Literatura", "Bilješke", "Naslovnica", "Stranica %[1]s od %[2]s",
		[5]string{"Napomena", "Savjet", "Važno", "Upozorenje", "Oprez"}, "Slika %[1]s", "Tablica %[1]s", "Poglavlje %[1]s", "Odjeljak %[1]s", "Dodatak %[1]s"},
	{"hu", "Tartalomjegyzék", "További olvasnivaló", "Ajánlott olvasmányok", "Hivatkozott linkek", "Hivatkozások", "Jegyzetek", "Borító", "%[1]s. oldal (összesen %[2]s)",
		[5]string{"Megjegyzés", "Tipp", "Fontos", "Figyelmeztetés", "Vigyázat"}, "%[1]s. ábra", "%[1]s. táblázat", "%[1]s. fejezet", "%[1]s. szakasz", "%[1]s. függelék"},
	{"id", "Daftar isi", "Bacaan lebih lanjut", "Bacaan yang disarankan", "Tautan yang dikutip", "Pustaka", "Catatan", "Sampul", "Halaman %[1]s dari %[2]s",
		[5]string{"Catatan", "Tips", "Penting", "Peringatan", "Perhatian"}, "Gambar %[1]s", "Tabel %[1]s", "Bab %[1]s", "Subbab %[1]s", "Lampiran %[1]s"},
	{"it", "Indice", "Per approfondire", "Letture consigliate", "Link citati", "Riferimenti bibliografici", "Note", "Copertina", "Pagina %[1]s di %[2]s",
		[5]string{"Nota", "Suggerimento", "Importante", "Avviso", "Attenzione"}, "Figura %[1]s", "Tabella %[1]s", "Capitolo %[1]s", "Sezione %[1]s", "Appendice %[1]s"},
	{"ja", "目次", "さらに読む", "おすすめの文献", "引用したリンク", "参考文献", "注", "表紙", "%[1]s / %[2]s ページ",
		[5]string{"メモ", "ヒント", "重要", "警告", "注意"}, "図 %[1]s", "表 %[1]s", "第%[1]s章", "%[1]s節", "付録%[1]s"},
	{"ko", "목차", "더 읽을거리", "추천 도서", "인용한 링크", "참고 문헌", "주석", "표지", "%[1]s / %[2]s쪽",
		[5]string{"참고", "팁", "중요", "경고", "주의"}, "그림 %[1]s", "표 %[1]s", "%[1]s장", "%[1]s절", "부록 %[1]s"},
	{"lt", "Turinys", "Papildoma literatūra", "Rekomenduojama literatūra", "Cituojamos nuorodos", "Literatūra", "Pastabos", "Viršelis", "%[1]s psl. iš %[2]s",
		[5]string{"Pastaba", "Patarimas", "Svarbu", "Įspėjimas", "Atsargiai"}, "%[1]s pav.", "%[1]s lentelė", "%[1]s skyrius", "%[1]s skirsnis", "%[1]s priedas"},
	{"ms", "Kandungan", "Bacaan lanjut", "Bacaan yang disyorkan", "Pautan yang dipetik", "Rujukan", "Nota", "Kulit", "Halaman %[1]s daripada %[2]s",
		[5]string{"Nota", "Petua", "Penting", "Amaran", "Awas"}, "Rajah %[1]s", "Jadual %[1]s", "Bab %[1]s", "Seksyen %[1]s", "Lampiran %[1]s"},
	{"nb", "Innhold", "Videre lesning", "Anbefalt lesning", "Siterte lenker", "Referanser", "Noter", "Omslag", "Side %[1]s av %[2]s",
		[5]string{"Merk", "Tips", "Viktig", "Advarsel", "Forsiktig"}, "Figur %[1]s", "Tabell %[1]s", "Kapittel %[1]s", "Avsnitt %[1]s", "Vedlegg %[1]s"},
	{"nl", "Inhoud", "Verder lezen", "Aanbevolen literatuur", "Geciteerde links", "Referenties", "Noten", "Omslag", "Pagina %[1]s van %[2]s",
		[5]string{"Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op"}, "Figuur %[1]s", "Tabel %[1]s", "Hoofdstuk %[1]s", "Paragraaf %[1]s", "Bijlage %[1]s"},
	{"pl", "Spis treści", "Dalsza lektura", "Polecana lektura", "Cytowane linki", "Literatura", "Przypisy", "Okładka", "Strona %[1]s z %[2]s",
		[5]string{"Uwaga", "Wskazówka", "Ważne", "Ostrzeżenie", "Przestroga"}, "Rysunek %[1]s", "Tabela %[1]s", "Rozdział %[1]s", "Podrozdział %[1]s", "Dodatek %[1]s"},
	{"pt", "Sumário", "Leituras adicionais", "Leituras recomendadas", "Links citados", "Referências", "Notas", "Capa", "Página %[1]s de %[2]s",
		[5]string{"Nota", "Dica", "Importante", "Aviso", "Cuidado"}, "Figura %[1]s", "Tabela %[1]s", "Capítulo %[1]s", "Seção %[1]s", "Apêndice %[1]s"},
	{"ro", "Cuprins", "Lecturi suplimentare", "Lecturi recomandate", "Linkuri citate", "Bibliografie", "Note", "Copertă", "Pagina %[1]s din %[2]s",
		[5]string{"Notă", "Sfat", "Important", "Avertisment", "Atenție"}, "Figura %[1]s", "Tabelul %[1]s", "Capitolul %[1]s", "Secțiunea %[1]s", "Anexa %[1]s"},
	{"ru", "Содержание", "Дополнительная литература", "Рекомендуемая литература", "Цитируемые ссылки", "Список литературы", "Примечания", "Обложка", "Страница %[1]s из %[2]s",
		[5]string{"Примечание", "Совет", "Важно", "Предупреждение", "Осторожно"}, "Рисунок %[1]s", "Таблица %[1]s", "Глава %[1]s", "Раздел %[1]s", "Приложение %[1]s"},
	{"sk", "Obsah", "Ďalšie čítanie", "Odporúčaná literatúra", "Citované odkazy", "Literatúra", "Poznámky", "Obálka", "Strana %[1]s z %[2]s",
		[5]string{"Poznámka", "Tip", "Dôležité", "Varovanie", "Upozornenie"}, "Obrázok %[1]s", "Tabuľka %[1]s", "Kapitola %[1]s", "Oddiel %[1]s", "Príloha %[1]s"},
	{"sl", "Kazalo", "Dodatno branje", "Priporočeno branje", "Navedene povezave", "Literatura", "Opombe", "Naslovnica", "Stran %[1]s od %[2]s",
		[5]string{"Opomba", "Nasvet", "Pomembno", "Opozorilo", "Previdno"}, "Slika %[1]s", "Tabela %[1]s", "Poglavje %[1]s", "Razdelek %[1]s", "Dodatek %[1]s"},
	{"sv", "Innehåll", "Vidare läsning", "Rekommenderad läsning", "Citerade länkar", "Referenser", "Noter", "Omslag", "Sida %[1]s av %[2]s",
		[5]string{"Obs", "Tips", "Viktigt", "Varning", "Försiktighet"}, "Figur %[1]s", "Tabell %[1]s", "Kapitel %[1]s", "Avsnitt %[1]s", "Bilaga %[1]s"},
	{"sw", "Yaliyomo", "Usomaji zaidi", "Usomaji unaopendekezwa", "Viungo vilivyotajwa", "Marejeo", "Maelezo", "Jalada", "Ukurasa %[1]s kati ya %[2]s",
		[5]string{"Kumbuka", "Kidokezo", "Muhimu", "Onyo", "Tahadhari"}, "Kielelezo %[1]s", "Jedwali %[1]s", "Sura %[1]s", "Sehemu %[1]s", "Kiambatisho %[1]s"},
	{"th", "สารบัญ", "อ่านเพิ่มเติม", "หนังสือแนะนำ", "ลิงก์ที่อ้างถึง", "เอกสารอ้างอิง", "หมายเหตุ", "ปก", "หน้า %[1]s จาก %[2]s",
		[5]string{"หมายเหตุ", "เคล็ดลับ", "สำคัญ", "คำเตือน", "ข้อควรระวัง"}, "รูปที่ %[1]s", "ตารางที่ %[1]s", "บทที่ %[1]s", "หัวข้อ %[1]s", "ภาคผนวก %[1]s"},
	{"tr", "İçindekiler", "İleri okuma", "Önerilen okumalar", "Alıntılanan bağlantılar", "Kaynaklar", "Notlar", "Kapak", "Sayfa %[1]s / %[2]s",
		[5]string{"Not", "İpucu", "Önemli", "Uyarı", "Dikkat"}, "Şekil %[1]s", "Tablo %[1]s", "Bölüm %[1]s", "Kısım %[1]s", "Ek %[1]s"},
	{"uk", "Зміст", "Додаткова література", "Рекомендована література", "Цитовані посилання", "Література", "Примітки", "Обкладинка", "Сторінка %[1]s з %[2]s",
		[5]string{"Примітка", "Порада", "Важливо", "Попередження", "Обережно"}, "Рисунок %[1]s", "Таблиця %[1]s", "Розділ %[1]s", "Підрозділ %[1]s", "Додаток %[1]s"},
	{"ur", "فہرست", "مزید مطالعہ", "تجویز کردہ مطالعہ", "حوالہ دیے گئے روابط", "حوالہ جات", "حواشی", "سرورق", "صفحہ %[1]s از %[2]s",
		[5]string{"نوٹ", "مشورہ", "اہم", "انتباہ", "احتیاط"}, "شکل %[1]s", "جدول %[1]s", "باب %[1]s", "حصہ %[1]s", "ضمیمہ %[1]s"},
	{"vi", "Mục lục", "Đọc thêm", "Tài liệu nên đọc", "Liên kết được trích dẫn", "Tài liệu tham khảo", "Ghi chú", "Bìa", "Trang %[1]s / %[2]s",
		[5]string{"Lưu ý", "Mẹo", "Quan trọng", "Cảnh báo", "Thận trọng"}, "Hình %[1]s", "Bảng %[1]s", "Chương %[1]s", "Mục %[1]s", "Phụ lục %[1]s"},
	{"zh", "目录", "延伸阅读", "推荐阅读", "引用的链接", "参考文献", "注释", "封面", "第 %[1]s 页，共 %[2]s 页",
		[5]string{"注意", "提示", "重要", "警告", "小心"}, "图 %[1]s", "表 %[1]s", "第%[1]s章", "%[1]s节", "附录%[1]s"},
	{"zh-hant", "目錄", "延伸閱讀", "推薦閱讀", "引用的連結", "參考文獻", "註釋", "封面", "第 %[1]s 頁，共 %[2]s 頁",
		[5]string{"注意", "提示", "重要", "警告", "小心"}, "圖 %[1]s", "表 %[1]s", "第%[1]s章", "%[1]s節", "附錄%[1]s"},
}
