package fonts_test

import (
	"fmt"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

func Example() {
	lib := fonts.NewLibrary() // share one per process: faces parse once
	serif, err := lib.Face(fonts.Serif)
	if err != nil {
		panic(err)
	}
	size := units.Pt(9)
	left, right := serif.InkBounds('。', size)
	fmt.Println(serif.PostScriptName(), serif.UnitsPerEm())
	fmt.Println(serif.Advance('中', size), serif.Advance('a', size))
	fmt.Println(left, right)
	fmt.Println(serif.TypoAscent(size), serif.TypoDescent(size))
	fmt.Println(serif.Name(), serif.Covers('中'))
	// Output:
	// NotoSerifSC-Regular 1000
	// 9pt 5.013pt
	// 0.378pt 2.907pt
	// 7.92pt 1.08pt
	// serif true
}
