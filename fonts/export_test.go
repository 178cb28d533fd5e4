package fonts

// ColorGlyphImage is colorGlyphImage, for the fuzz target of package
// fonts_test (which imports internal/testfont, which imports fonts).
var ColorGlyphImage = colorGlyphImage
