// Package units holds Broadsheet's integer lengths.
//
// Layout works in fixed-point lengths so that the same edition gives the
// same page on every machine: floating-point arithmetic may be fused
// differently on different CPUs, integers never are. A Length counts
// thousandths of a PostScript point (1 pt = 1/72 in), as TeX counts scaled
// points. Floats appear only at the PDF boundary (see Length.Points).
package units

import (
	"fmt"
	"strconv"
	"strings"
)

// Length is a distance in thousandths of a point (1/72000 in).
type Length int64

// Common lengths.
const (
	Millipoint Length = 1
	Point      Length = 1000
	Inch       Length = 72 * Point
)

// Pt returns n points.
func Pt(n int64) Length { return Length(n) * Point }

// Mm returns a length of n millimetres, rounded to the nearest millipoint.
func Mm(n int64) Length { return roundDiv(n*72000*10, 254) }

// MmTenths returns a length of n tenths of a millimetre.
func MmTenths(n int64) Length { return roundDiv(n*72000, 254) }

// Points returns l in points as a float, for the PDF writer only.
func (l Length) Points() float64 { return float64(l) / 1000 }

// Millimetres returns l in millimetres as a float, for messages and reports.
func (l Length) Millimetres() float64 { return float64(l) * 25.4 / 72000 }

// String formats l in points, for messages ("12.5pt").
func (l Length) String() string {
	return strconv.FormatFloat(l.Points(), 'f', -1, 64) + "pt"
}

// Scale returns l*num/den rounded to the nearest millipoint (half away from zero).
func (l Length) Scale(num, den int64) Length { return roundDiv(int64(l)*num, den) }

// roundDiv divides rounding half away from zero.
func roundDiv(a, b int64) Length {
	if b < 0 {
		a, b = -a, -b
	}
	if a >= 0 {
		return Length((a + b/2) / b)
	}
	return Length(-((-a + b/2) / b))
}

// Parse reads a length with a unit: "3mm", "0.5cm", "9pt", "1in", "12.25 pt".
// A bare number is an error: every length in an edition names its unit.
// Decimal fractions are read exactly (no float), to millipoint precision.
func Parse(s string) (Length, error) {
	t := strings.TrimSpace(s)
	var unit string
	for _, u := range []string{"mm", "cm", "pt", "in"} {
		if strings.HasSuffix(t, u) {
			unit = u
			t = strings.TrimSpace(strings.TrimSuffix(t, u))
			break
		}
	}
	if unit == "" {
		return 0, fmt.Errorf("length %q has no unit (use mm, cm, pt or in)", s)
	}
	num, den, err := parseDecimal(t)
	if err != nil {
		return 0, fmt.Errorf("length %q: %v", s, err)
	}
	switch unit {
	case "pt":
		return roundDiv(num*1000, den), nil
	case "in":
		return roundDiv(num*72000, den), nil
	case "mm":
		return roundDiv(num*72000*10, den*254), nil
	default: // cm
		return roundDiv(num*72000*100, den*254), nil
	}
}

// parseDecimal reads "-12.345" as num/den = -12345/1000.
func parseDecimal(t string) (num, den int64, err error) {
	if t == "" {
		return 0, 0, fmt.Errorf("no number")
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	intPart, frac, _ := strings.Cut(t, ".")
	if intPart == "" && frac == "" {
		return 0, 0, fmt.Errorf("no number")
	}
	if len(frac) > 6 {
		frac = frac[:6] // beyond a millionth of a unit nothing is printable
	}
	den = 1
	for _, part := range []string{intPart, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, 0, fmt.Errorf("%q is not a number", t)
			}
		}
	}
	if len(strings.TrimLeft(intPart, "0")) > 6 {
		// Six digits (999999 cm is ten kilometres) keep every conversion
		// to millipoints inside int64.
		return 0, 0, fmt.Errorf("%q is too large", t)
	}
	for _, c := range strings.TrimLeft(intPart, "0") {
		num = num*10 + int64(c-'0')
	}
	for _, c := range frac {
		num = num*10 + int64(c-'0')
		den *= 10
	}
	if neg {
		num = -num
	}
	return num, den, nil
}
