package layout

import (
	"rsc.io/qr"
)

// qrModule is the side of one QR module in points: a 25-module code for a
// short URL is then 40 pt (14 mm) wide, easy for a phone to read.
const qrModule = 1.6

// qrItems draws text as a QR code (error correction M) at x, y: one filled
// rectangle per run of dark modules in a row. It returns the items and the
// code's side in points.
func qrItems(text string, x, y float64) ([]Item, float64, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, 0, err
	}
	ink := black.rgb()
	var items []Item
	for row := range code.Size {
		for col := 0; col < code.Size; {
			if !code.Black(col, row) {
				col++
				continue
			}
			start := col
			for col < code.Size && code.Black(col, row) {
				col++
			}
			items = append(items, &Rect{X: x + float64(start)*qrModule, Y: y + float64(row)*qrModule,
				W: float64(col-start) * qrModule, H: qrModule, Fill: &ink})
		}
	}
	return items, float64(code.Size) * qrModule, nil
}
