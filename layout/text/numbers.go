package text

import (
	"unicode/utf8"

	"github.com/broadsheet-news/broadsheet/units"
)

// Numbers, their units and signs (clreq §3.2.3, GB/T 15835): a number is
// never parted from its unit or measure word, a range from its ends, a sign
// from its digits; units and signs are set tight to the digits, without the
// quarter em that parts Han from Latin.

// unitSign reports whether r is a unit or sign set tight against the digits
// beside it (15℃, 30°, 5′30″, 65％, 8～10, −3, ±0.5): no Han–Latin gap and
// no justification spread on its digit side.
func unitSign(r rune) bool {
	switch r {
	case '℃', '℉', '°', '′', '″', '%', '％', '‰', '‱', '～', '~', '〜',
		'㎡', '㎞', '㎏', '㎝', '㎜', '㎎', '㏄', '−', '±', '∓', '＋', '－':
		return true
	}
	return false
}

// rangeMark reports whether r joins two numbers into a range (8～10, 1—2月, 2020-2025).
func rangeMark(r rune) bool {
	switch r {
	case '～', '~', '〜', '—', '–', '－', '-':
		return true
	}
	return false
}

// numberSign reports whether r is a sign or currency that prefixes a number
// (−3, +5, ¥50): it never ends a line when a digit follows.
func numberSign(r rune) bool {
	switch r {
	case '-', '−', '－', '+', '＋', '±', '∓', '¥', '￥', '$', '€', '£':
		return true
	}
	return false
}

// scaleNumeral reports whether r is a numeral of scale that a unit may
// follow (亿元, 万吨).
func scaleNumeral(r rune) bool { return r == '亿' || r == '万' || r == '千' || r == '百' }

// hanDigit reports whether r is a Han numeral digit, as a year is written
// in them (一九八七年, 二〇二六年).
func hanDigit(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九':
		return true
	}
	return false
}

// isDigit reports whether r is a decimal digit, ASCII or full width.
func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// numberUnits are the units, measure words and numerals of scale a number
// is never parted from at a line break ("仅用了97天", "312.4亿", "15℃"),
// longest first where one begins another.
var numberUnits = [...]string{
	// numerals of scale and approximations
	"亿", "万", "千", "百", "多", "余",
	// money
	"元", "角", "美元", "欧元", "英镑", "日元", "港元",
	// counters (量词)
	"个", "位", "名", "人", "人次", "户", "家", "条", "项", "件", "次", "种", "批", "台", "辆",
	"艘", "架", "架次", "套", "份", "只", "头", "座", "层", "所", "张", "本", "册", "篇", "倍", "成",
	"折", "届", "期", "版", "级", "岁", "周岁", "标箱", "场", "场次", "轮", "组", "处", "宗",
	"例", "起", "株", "棵", "栋", "幢", "间", "箱", "笔", "首", "枚", "颗",
	// dates and times; 后 of a generation (95后, 00后)
	"年", "年代", "年级", "月", "月份", "日", "号", "号线", "号楼", "时", "分", "分钟", "秒", "秒钟",
	"天", "周", "周年", "点", "小时", "世纪", "季度", "后",
	// measures
	"千米", "米", "公里", "厘米", "毫米", "海里", "里", "吨", "千克", "公斤", "克", "斤",
	"升", "毫升", "亩", "公顷", "平方公里", "平方米", "立方米", "度", "伏", "千瓦", "瓦",
	"兆瓦", "节",
	// symbols
	"℃", "℉", "°", "′", "″", "%", "％", "‰", "‱", "㎡", "㎞", "㎏", "㎝", "㎜",
}

// unitFirst reports whether r begins a unit of numberUnits: a quick test
// before the list is searched.
func unitFirst(r rune) bool {
	switch r {
	case '亿', '万', '千', '百', '多', '余', '元', '角', '美', '欧', '英', '日', '港', '个', '位', '名', '人',
		'户', '家', '条', '项', '件', '次', '种', '批', '台', '辆', '艘', '架', '套', '份', '只', '头', '座',
		'层', '所', '张', '本', '册', '篇', '倍', '成', '折', '届', '期', '版', '级', '岁', '周', '标', '场', '轮',
		'组', '处', '宗', '例', '起', '株', '棵', '栋', '幢', '间', '箱', '笔', '首', '枚', '颗', '后',
		'年', '月', '号', '时', '分', '秒', '天', '点', '小', '世', '季', '米', '公', '厘', '毫',
		'海', '里', '吨', '克', '斤', '升', '亩', '平', '立', '度', '伏', '瓦', '兆', '节',
		'℃', '℉', '°', '′', '″', '%', '％', '‰', '‱', '㎡', '㎞', '㎏', '㎝', '㎜':
		return true
	}
	return false
}

// latinUnits are unit abbreviations that follow a number after a space
// (5 km, 100 MW): the space between them does not break.
var latinUnits = [...]string{
	"km", "kg", "cm", "mm", "kWh", "kW", "MW", "GW", "GB", "MB", "TB", "TEU", "ppm",
	"min", "m²", "m³", "m", "g", "t", "h", "s",
}

// unitAt returns how many clusters from k spell a unit of numberUnits
// (the longest), or 0.
func (c *Composer) unitAt(k int) int {
	if k >= len(c.cl) || !unitFirst(c.cl[k].r) {
		return 0
	}
	// Only the units that begin with cluster k's rune are spelled out: a
	// byte comparison of that rune's UTF-8 passes over the others without
	// decoding them (decoding every unit was 5% of the composer's work).
	var head [utf8.UTFMax]byte
	h := utf8.EncodeRune(head[:], c.cl[k].r)
	best := 0
units:
	for _, u := range numberUnits {
		if len(u) < h {
			continue
		}
		for i := range h {
			if u[i] != head[i] {
				continue units
			}
		}
		best = max(best, c.spelledAt(k, u))
	}
	return best
}

// spelledAt returns how many clusters from k spell u, one rune each, or 0
// when they do not.
func (c *Composer) spelledAt(k int, u string) int {
	n := 0
	for _, r := range u {
		if k+n >= len(c.cl) || c.cl[k+n].r != r {
			return 0
		}
		n++
	}
	return n
}

// latinUnitAt reports whether clusters from k spell a Latin unit that is
// not the start of a longer word.
func (c *Composer) latinUnitAt(k int) bool {
	for _, u := range latinUnits {
		n := c.spelledAt(k, u)
		if n > 0 && (k+n >= len(c.cl) || c.cl[k+n].cls != cLetter) {
			return true
		}
	}
	return false
}

// bond forbids the break before cluster k (outside emergencies).
func (c *Composer) bond(k int) {
	if k <= 0 || k >= len(c.cl) || c.cl[k].kind == brkMandatory {
		return
	}
	c.cl[k].kind, c.cl[k].pen, c.cl[k].hyph = brkNone, penNone, false
}

// fixSpace makes the space cluster k, which joins a number to its unit
// (6.8 km) or a name to its number (ISO 9001), a fixed space: justification
// neither stretches it nor spreads the junctions on either side of it, and
// a squeezed line takes from it only what it has beyond fixedSpaceMin, so
// the pair reads as one unit with a word space in it, never as a word
// spread letter by letter (a gap under a fifth of an em reads as that).
// A word space between Latin words keeps the same least width (measure).
func (c *Composer) fixSpace(k int, st *Style) {
	em := st.Size
	if k <= 0 || k+1 >= len(c.cl) || c.cl[k].cls != cSpace {
		return
	}
	cl := &c.cl[k]
	cl.st1 = 0
	if !st.Headline {
		// A headline keeps its word space's shrink: a headline has no
		// other way to fit a line (3家企业获ISO 9001质量 at 18 pt in a
		// 6.5 em column), and its size and lines decide the page's make-up.
		cl.sh2, cl.sh3 = 0, max(0, cl.w-fixedSpaceMin(em))
	}
	cl.spread = false
	c.cl[k+1].spread = false
	c.cl[k+1].gapSt = 0
}

// fixedSpaceMin is the narrowest a fixed space (fixSpace) is set: 2/9 em.
func fixedSpaceMin(em units.Length) units.Length { return em * 2 / 9 }

// tightRange lets the dash of a range (2025—2026) give back, when its
// line is squeezed, the blank the composer padded it with to fill an em:
// the glyph keeps its own advance (0.89 em in the body face), only the
// padding goes, at the last shrink level, beside the Han–Latin gaps.
//
// A range is never broken after its dash either, though 禁则 would allow a
// line to end on one: GB/T 15834—2011 §4.13 keeps a connector's ends
// together as one term, and an editor reads "2025— / 2026年度" as a split
// (issue 9 item 4). So where a paragraph like "…环境分局获悉，2025—2026年度…"
// leaves the range no room, a line is spread rather than the range parted;
// this squeeze is what lets such a line hold it when it falls short by a
// hair.
func (c *Composer) tightRange(k int) {
	cl := &c.cl[k]
	if cl.cls != cDash || cl.cutL > 0 || cl.cutR > 0 {
		return
	}
	cl.capL, cl.capR = -cl.cutL, -cl.cutR
	cl.sh3 = cl.capL + cl.capR
}

// bondNumbers keeps numbers whole with their units, ranges and signs, and
// a Latin name with its number (ISO 9001:2015).
func (c *Composer) bondNumbers(st *Style) {
	cls := c.cl
	n := len(cls)
	for k := 0; k < n; k++ {
		r := cls[k].r
		if !isDigit(r) {
			if numberSign(r) && k+1 < n && isDigit(cls[k+1].r) {
				c.bond(k + 1) // −|3, ¥|50
			}
			continue
		}
		if k+1 >= n {
			break
		}
		next := cls[k+1].r
		switch {
		case isDigit(next):
		case rangeMark(next) && k+2 < n && isDigit(cls[k+2].r):
			c.bond(k + 1) // 8|～10
			c.bond(k + 2) // 8～|10
			c.tightRange(k + 1)
		case cls[k+1].cls == cSpace:
			// 5 km: the space before a unit abbreviation holds.
			if k+2 < n && c.latinUnitAt(k+2) {
				c.bond(k + 2)
				c.fixSpace(k+1, st)
			}
		default:
			// 97|天; after a numeral of scale the unit goes on: 128.6|亿|元,
			// 21.7|万|标|箱.
			for j, u := k+1, c.unitAt(k+1); u > 0; {
				for i := j; i < j+u; i++ {
					c.bond(i)
				}
				if !scaleNumeral(cls[j+u-1].r) {
					break
				}
				j += u
				u = c.unitAt(j)
			}
		}
	}
	// A year in Han numerals (一九八七年, 二〇二六年): its digits and 年
	// stay whole, as a year in digits does with its 年.
	for k := 0; k < n; {
		j := k
		for j < n && hanDigit(cls[j].r) {
			j++
		}
		if j-k >= 3 && j < n && cls[j].r == '年' {
			for i := k + 1; i <= j; i++ {
				c.bond(i)
			}
		}
		k = max(j, k+1)
	}
	// A Latin name and the number after it: ISO 9001, iPhone 15.
	for k := 1; k+1 < n; k++ {
		if cls[k].cls == cSpace && cls[k-1].cls == cLetter && isDigit(cls[k+1].r) {
			c.bond(k + 1)
			c.fixSpace(k, st)
		}
	}
}
