package covers

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Limits on a given cover image.
const (
	maxFileBytes = 40 << 20 // 40 MB
	maxPixels    = 10000    // per side
)

// Load reads a given cover (JPEG or PNG, sniffed from the bytes, not the
// extension) and returns it unchanged with its dimensions. Anything else, a
// corrupt file, a file over 40 MB or an image over 10000×10000 pixels is an
// error naming the path.
func Load(path string) (*Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("covers: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxFileBytes {
		return nil, fmt.Errorf("covers: %s: %w", path, errTooLarge(st.Size()))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("covers: reading %s: %w", path, err)
	}
	img, err := check(filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("covers: %s: %w", path, err)
	}
	return img, nil
}

// FromBytes is Load for bytes already read: the same checks, with name (its
// base name kept, the extension set to .png or .jpg to match the format)
// standing for the path in errors.
func FromBytes(name string, data []byte) (*Image, error) {
	img, err := check(filepath.Base(name), data)
	if err != nil {
		return nil, fmt.Errorf("covers: %s: %w", name, err)
	}
	return img, nil
}

func errTooLarge(n int64) error {
	return fmt.Errorf("cover image is %d bytes; the limit is %d MB", n, maxFileBytes>>20)
}

// format is a cover file format galley accepts.
type format struct {
	magic     string
	ext       string
	mediaType string
	config    func(io.Reader) (image.Config, error)
	decode    func(io.Reader) (image.Image, error)
}

func formats() []format {
	return []format{
		{"\x89PNG\r\n\x1a\n", ".png", "image/png", png.DecodeConfig, png.Decode},
		{"\xff\xd8\xff", ".jpg", "image/jpeg", jpeg.DecodeConfig, jpeg.Decode},
	}
}

// check sniffs, measures and fully decodes data, returning it unchanged.
func check(base string, data []byte) (*Image, error) {
	if len(data) > maxFileBytes {
		return nil, errTooLarge(int64(len(data)))
	}
	var ft *format
	for _, f := range formats() {
		if strings.HasPrefix(string(data[:min(len(data), 8)]), f.magic) {
			ft = &f
			break
		}
	}
	if ft == nil {
		return nil, errors.New("not a JPEG or PNG image")
	}
	cfg, err := ft.config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("corrupt %s image: %w", ft.mediaType, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxPixels || cfg.Height > maxPixels {
		return nil, fmt.Errorf("cover image is %d×%d pixels; the limit is %d×%d",
			cfg.Width, cfg.Height, maxPixels, maxPixels)
	}
	if _, err := ft.decode(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("corrupt %s image: %w", ft.mediaType, err)
	}
	return &Image{
		Name:      coverName(base, ft.ext),
		MediaType: ft.mediaType,
		Data:      data,
		Width:     cfg.Width,
		Height:    cfg.Height,
	}, nil
}

// coverName gives base the extension of the format it really is.
func coverName(base, ext string) string {
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if stem == "" || stem == "." || stem == string(filepath.Separator) {
		stem = "cover"
	}
	return stem + ext
}
