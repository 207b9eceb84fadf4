package scenes

import "math/rand/v2"

// Each scene draws one sample photo. Scenes are drawn in their own
// coordinates (1600×1067 or 1200×800 pixels) from a fixed seed.

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x62726f6164)) }

// shade scales a colour by k/256.
func shade(c rgb, k int) rgb { return rgb{c.r * k >> 8, c.g * k >> 8, c.b * k >> 8} }

// harbourDusk: a container quay with gantry cranes and LNG tanks at dusk.
func harbourDusk() *canvas {
	r := seeded(1)
	c := newCanvas(1600, 1067)
	const horizon = 640
	c.vGradient(0, horizon, []stop{{0, rgb{22, 34, 82}}, {380, rgb{88, 74, 138}}, {760, rgb{232, 134, 84}}, {1000, rgb{252, 200, 124}}})
	// sun and its glow
	for i := 5; i >= 1; i-- {
		c.ellipse(1060, 585, 70+40*i, 70+40*i, rgb{255, 196, 120}, 22)
	}
	c.ellipse(1060, 585, 62, 62, rgb{255, 232, 176}, 240)
	// thin clouds
	for i := 0; i < 9; i++ {
		y := 300 + r.IntN(250)
		x := r.IntN(1600)
		c.ellipse(x, y, 120+r.IntN(200), 6+r.IntN(8), rgb{250, 170, 120}, 70)
	}
	// the town on the far shore
	for x := 0; x < 760; {
		w := 18 + r.IntN(46)
		h := 24 + r.IntN(120)
		if x > 500 {
			h = h / 2
		}
		c.rect(x, horizon-h, x+w-2, horizon, rgb{68, 56, 98}, 256)
		for wy := horizon - h + 6; wy < horizon-6; wy += 10 {
			for wx := x + 4; wx < x+w-6; wx += 8 {
				if r.IntN(5) == 0 {
					c.rect(wx, wy, wx+3, wy+4, rgb{255, 214, 140}, 200)
				}
			}
		}
		x += w
	}
	// LNG tanks: drums with domes, lit from the sun on the left
	for _, t := range []struct{ x, w, h int }{{1240, 150, 92}, {1410, 150, 92}, {1170, 90, 60}} {
		body := rgb{200, 196, 208}
		c.rect(t.x, horizon-t.h, t.x+t.w, horizon, body, 256)
		c.rect(t.x+t.w*2/3, horizon-t.h, t.x+t.w, horizon, shade(body, 200), 256)
		c.ellipse(t.x+t.w/2, horizon-t.h, t.w/2, t.w/6, rgb{218, 212, 222}, 256)
		for y := horizon - t.h + 12; y < horizon; y += 18 {
			c.rect(t.x, y, t.x+t.w, y+2, shade(body, 170), 200)
		}
	}
	// flare stack
	c.rect(1362, horizon-210, 1368, horizon, rgb{60, 52, 80}, 256)
	c.ellipse(1365, horizon-218, 6, 12, rgb{255, 170, 60}, 230)
	// the sea, with the sun's path on it
	c.vGradient(horizon, 1067, []stop{{0, rgb{150, 104, 120}}, {250, rgb{70, 66, 118}}, {1000, rgb{18, 24, 58}}})
	for y := horizon + 4; y < 1067; y += 5 + (y-horizon)/40 {
		w := 20 + r.IntN(60) + (y-horizon)/3
		x := 1060 + r.IntN(120) - 60
		c.ellipse(x, y, w, 1+(y-horizon)/120, rgb{255, 190, 120}, 150-(y-horizon)/4)
	}
	for i := 0; i < 140; i++ {
		y := horizon + 10 + r.IntN(420)
		x := r.IntN(1600)
		c.ellipse(x, y, 20+r.IntN(50), 1+(y-horizon)/160, rgb{120, 110, 160}, 90)
	}
	// the quay, its container stacks and a ship alongside
	dark := rgb{26, 24, 40}
	c.poly([]pt{{0, 742}, {980, 742}, {1040, 800}, {0, 800}}, dark, 256)
	palette := []rgb{{120, 40, 36}, {40, 60, 100}, {50, 84, 60}, {140, 90, 40}, {70, 70, 80}}
	for x := 20; x < 700; x += 64 {
		n := 2 + r.IntN(4)
		for k := 0; k < n; k++ {
			col := shade(palette[r.IntN(len(palette))], 150)
			c.rect(x, 742-(k+1)*26, x+60, 742-k*26-2, col, 256)
		}
	}
	c.poly([]pt{{560, 690}, {1010, 690}, {990, 742}, {600, 742}}, rgb{36, 30, 52}, 256)
	for x := 600; x < 960; x += 40 {
		n := 1 + r.IntN(3)
		for k := 0; k < n; k++ {
			c.rect(x, 690-(k+1)*22, x+38, 690-k*22-2, shade(palette[r.IntN(len(palette))], 130), 256)
		}
	}
	c.rect(930, 600, 990, 690, rgb{40, 34, 58}, 256) // bridge house
	for y := 612; y < 680; y += 16 {
		c.rect(938, y, 982, y+5, rgb{255, 210, 140}, 180)
	}
	// gantry cranes: two legs, a portal beam, the boom out over the water, stays
	for _, g := range []struct{ x, s int }{{110, 10}, {390, 10}, {660, 9}} {
		s := g.s
		legL, legR := g.x, g.x+20*s
		top := 742 - 36*s
		c.line(legL, 742, legL+2*s, top, s, dark, 256)
		c.line(legR, 742, legR-2*s, top, s, dark, 256)
		c.rect(legL-s, top-2*s, legR+s, top+s, dark, 256)           // portal
		c.rect(legL-8*s, top-6*s, legR+30*s, top-4*s, dark, 256)    // boom
		c.line(legL+4*s, top-2*s, legL+8*s, top-20*s, s, dark, 256) // A-frame
		c.line(legR-4*s, top-2*s, legL+8*s, top-20*s, s, dark, 256)
		c.line(legL+8*s, top-20*s, legR+28*s, top-5*s, s/3+1, dark, 256) // stays
		c.line(legL+8*s, top-20*s, legL-7*s, top-5*s, s/3+1, dark, 256)
		tx := legR + 14*s
		c.rect(tx, top-4*s, tx+3*s, top-2*s, dark, 256) // trolley
		c.line(tx+s, top-2*s, tx+s, top+10*s, 1, dark, 256)
		c.ellipse(legR+29*s, top-6*s, 3, 3, rgb{255, 80, 60}, 256) // warning light
	}
	c.grain(r, 3)
	return c
}

// quayCranes: a ship-to-shore crane over container stacks in daylight.
func quayCranes() *canvas {
	r := seeded(2)
	c := newCanvas(1600, 1067)
	c.vGradient(0, 820, []stop{{0, rgb{70, 130, 210}}, {700, rgb{160, 200, 238}}, {1000, rgb{205, 225, 240}}})
	for i := 0; i < 6; i++ {
		x, y := r.IntN(1600), 80+r.IntN(360)
		for k := 0; k < 7; k++ {
			c.ellipse(x+r.IntN(220)-110, y+r.IntN(40)-20, 50+r.IntN(60), 22+r.IntN(20), rgb{250, 252, 255}, 150)
		}
	}
	// a hazy crane far away
	far := rgb{150, 172, 200}
	c.rect(1280, 420, 1296, 760, far, 256)
	c.rect(1400, 420, 1416, 760, far, 256)
	c.rect(1180, 400, 1600, 420, far, 256)
	c.line(1300, 400, 1350, 300, 6, far, 256)
	c.line(1400, 400, 1350, 300, 6, far, 256)
	// apron
	c.vGradient(760, 1067, []stop{{0, rgb{150, 150, 146}}, {1000, rgb{108, 108, 104}}})
	for _, lx := range []int{-600, -100, 400, 900, 1400, 1900} {
		c.poly([]pt{{800 + (lx-800)/6, 760}, {800 + (lx-800)/6 + 4, 760}, {lx + 30, 1067}, {lx, 1067}}, rgb{230, 196, 60}, 220)
	}
	// container stacks, nearest last
	palette := []rgb{{176, 48, 40}, {36, 78, 150}, {38, 120, 70}, {220, 118, 30}, {150, 150, 150}, {222, 222, 218}, {120, 40, 90}}
	for row, base := range []int{700, 760, 830} {
		h := 34 + row*10
		w := 3*h + h/2
		for x := -r.IntN(w); x < 1600; x += w + 4 {
			n := 2 + r.IntN(3)
			for k := 0; k < n; k++ {
				col := palette[r.IntN(len(palette))]
				y1 := base - k*(h+2)
				c.rect(x, y1-h, x+w, y1, col, 256)
				for rx := x + 6; rx < x+w-4; rx += 7 + row {
					c.rect(rx, y1-h+3, rx+2, y1-3, shade(col, 190), 256)
				}
				c.rect(x, y1-h, x+w, y1-h+3, shade(col, 290), 256)
			}
		}
	}
	// the near crane, painted white and red
	white, red, steel := rgb{238, 238, 234}, rgb{200, 40, 36}, rgb{60, 64, 72}
	c.rect(260, 330, 300, 1000, white, 256)
	c.rect(292, 330, 300, 1000, shade(white, 200), 256)
	c.rect(720, 330, 760, 1000, white, 256)
	c.rect(752, 330, 760, 1000, shade(white, 200), 256)
	c.rect(240, 1000, 320, 1030, red, 256)
	c.rect(700, 1000, 780, 1030, red, 256)
	c.rect(240, 560, 780, 600, red, 256) // sill beam
	c.rect(230, 300, 790, 340, white, 256)
	// the boom: two chords and a zigzag web
	c.rect(0, 180, 1600, 196, white, 256)
	c.rect(0, 250, 1600, 266, white, 256)
	for x := -40; x < 1600; x += 80 {
		c.line(x, 190, x+40, 258, 6, shade(white, 220), 256)
		c.line(x+40, 258, x+80, 190, 6, shade(white, 220), 256)
	}
	c.rect(0, 262, 1600, 268, shade(white, 170), 256)
	// A-frame with stays
	c.line(300, 180, 470, 20, 18, white, 256)
	c.line(720, 180, 520, 20, 18, white, 256)
	c.rect(450, 10, 540, 34, red, 256)
	c.line(495, 22, 1600, 176, 4, steel, 256)
	c.line(495, 22, 0, 150, 4, steel, 256)
	// machinery house and trolley with the spreader on its ropes
	c.rect(330, 196, 520, 250, rgb{214, 214, 208}, 256)
	c.rect(1040, 266, 1140, 300, steel, 256)
	for _, x := range []int{1056, 1076, 1104, 1124} {
		c.line(x, 300, x, 590, 2, steel, 256)
	}
	c.rect(1010, 590, 1170, 612, rgb{230, 170, 30}, 256)
	c.rect(1030, 612, 1150, 650, palette[1], 256)
	c.grain(r, 4)
	return c
}

// flowerField: stripes of flowers in many colours running to the horizon.
func flowerField() *canvas {
	r := seeded(3)
	c := newCanvas(1600, 1067)
	const horizon = 520
	c.vGradient(0, horizon, []stop{{0, rgb{104, 160, 222}}, {1000, rgb{214, 232, 246}}})
	for i := 0; i < 5; i++ {
		x, y := r.IntN(1600), 60+r.IntN(240)
		for k := 0; k < 6; k++ {
			c.ellipse(x+r.IntN(200)-100, y+r.IntN(30), 40+r.IntN(50), 16+r.IntN(12), rgb{255, 255, 255}, 170)
		}
	}
	// far hills by midpoint displacement
	hill := make([]int, 65)
	hill[0], hill[64] = 420, 450
	for step := 32; step >= 1; step /= 2 {
		for i := step; i < 64; i += 2 * step {
			hill[i] = (hill[i-step]+hill[i+step])/2 + r.IntN(2*step+1) - step
		}
	}
	var hp []pt
	for i, y := range hill {
		hp = append(hp, pt{i * 25, y})
	}
	hp = append(hp, pt{1600, horizon + 1}, pt{0, horizon + 1})
	c.poly(hp, rgb{120, 150, 160}, 256)
	// trees along the horizon
	for x := 40; x < 1600; x += 30 + r.IntN(90) {
		rr := 10 + r.IntN(16)
		c.ellipse(x, horizon-rr+4, rr, rr+2, rgb{52, 92, 58}, 256)
	}
	c.vGradient(horizon, 1067, []stop{{0, rgb{96, 130, 60}}, {1000, rgb{58, 96, 36}}})
	colours := []rgb{{250, 214, 30}, {236, 108, 160}, {150, 92, 196}, {250, 250, 240}, {240, 140, 40}, {250, 214, 30}, {200, 60, 90}, {110, 150, 230}, {250, 190, 200}}
	stripe := func(x, y int) int {
		i := floorDiv((x-800)*5, y-horizon+40) % len(colours)
		if i < 0 {
			i += len(colours)
		}
		return i
	}
	// base colour of the stripes, then the blossoms on top
	for y := horizon; y < 1067; y++ {
		for x := 0; x < 1600; x++ {
			c.blend(x, y, colours[stripe(x, y)], 150)
		}
	}
	for y := horizon + 2; y < 1067; y += 1 + (y-horizon)/90 {
		n := 60 + (1067-y)/8
		size := 1 + (y-horizon)/70
		for k := 0; k < n; k++ {
			x := r.IntN(1600)
			col := colours[stripe(x, y)]
			c.ellipse(x, y, size+r.IntN(size+1), size, shade(col, 230+r.IntN(60)), 220)
		}
	}
	// a path between the stripes
	c.poly([]pt{{796, horizon}, {804, horizon}, {1010, 1067}, {930, 1067}}, rgb{170, 140, 100}, 230)
	c.grain(r, 4)
	return c
}

// meetingRoom: a platform under a red banner, seen over the backs of the audience.
func meetingRoom() *canvas {
	r := seeded(4)
	c := newCanvas(1600, 1067)
	c.vGradient(0, 700, []stop{{0, rgb{120, 100, 84}}, {1000, rgb{214, 196, 170}}})
	// the banner with blocks standing in for its characters
	c.rect(160, 70, 1440, 170, rgb{178, 28, 30}, 256)
	for i := 0; i < 16; i++ {
		x := 230 + i*72
		c.rect(x, 92, x+52, 148, rgb{246, 222, 150}, 236)
	}
	// screens at the sides
	for _, x := range []int{40, 1340} {
		c.rect(x, 230, x+220, 370, rgb{30, 40, 60}, 256)
		c.rect(x+8, 238, x+212, 362, rgb{60, 110, 180}, 256)
		c.rect(x+30, 270, x+190, 290, rgb{220, 232, 250}, 220)
	}
	// flowers along the platform edge, the table and the people at it
	c.rect(0, 560, 1600, 700, rgb{110, 70, 50}, 256)
	for x := 240; x < 1300; x += 112 {
		top := 430 + r.IntN(14)
		c.poly([]pt{{x + 10, 540}, {x + 28, top + 40}, {x + 84, top + 40}, {x + 102, 540}}, rgb{30, 34, 48}, 256)
		c.poly([]pt{{x + 44, top + 40}, {x + 68, top + 40}, {x + 56, top + 70}}, rgb{240, 240, 240}, 256) // shirt
		c.rect(x+53, top+44, x+59, top+66, rgb{150, 30, 40}, 256)                                         // tie
		c.ellipse(x+56, top+18, 17, 21, rgb{226, 200, 176}, 256)                                          // face
		c.ellipse(x+56, top+2, 18, 10, rgb{28, 24, 24}, 256)                                              // hair
	}
	c.rect(220, 520, 1380, 570, rgb{40, 110, 70}, 256)
	c.rect(220, 520, 1380, 528, rgb{240, 240, 236}, 256)
	for x := 256; x < 1300; x += 112 {
		c.rect(x, 500, x+80, 522, rgb{250, 250, 250}, 256)
		c.rect(x+12, 506, x+68, 514, rgb{60, 60, 60}, 200)
	}
	for x := 0; x < 1600; x += 26 {
		c.ellipse(x+13, 600, 18, 14, rgb{190, 40, 60}, 230)
		c.ellipse(x+13, 590, 10, 8, rgb{240, 190, 40}, 230)
	}
	// the hall floor and rows of the audience from behind
	c.vGradient(700, 1067, []stop{{0, rgb{96, 70, 58}}, {1000, rgb{60, 44, 38}}})
	for row := 0; row < 5; row++ {
		y := 740 + row*70
		s := 20 + row*6
		for x := -r.IntN(2 * s); x < 1600+s; x += 2*s + 12 + r.IntN(8) {
			suit := []rgb{{34, 38, 52}, {52, 50, 56}, {28, 30, 36}, {70, 60, 54}}[r.IntN(4)]
			c.ellipse(x, y+s*2, s*3/2, s, suit, 256)
			c.ellipse(x, y, s*2/3, s*4/5, rgb{22, 20, 22}, 256)
		}
	}
	c.grain(r, 3)
	return c
}

// wetland: egrets on a tidal flat at first light.
func wetland() *canvas {
	r := seeded(5)
	c := newCanvas(1200, 800)
	c.vGradient(0, 380, []stop{{0, rgb{150, 170, 200}}, {800, rgb{236, 206, 178}}, {1000, rgb{246, 222, 190}}})
	c.poly([]pt{{0, 340}, {300, 330}, {520, 352}, {800, 336}, {1200, 346}, {1200, 381}, {0, 381}}, rgb{130, 140, 160}, 256)
	c.vGradient(380, 800, []stop{{0, rgb{220, 206, 190}}, {1000, rgb{150, 150, 160}}})
	// mud banks
	for i := 0; i < 14; i++ {
		y := 420 + i*28 + r.IntN(12)
		x := r.IntN(1200)
		c.ellipse(x, y, 160+r.IntN(300), 8+i, rgb{120, 100, 84}, 200)
	}
	// reeds in the foreground
	for x := 0; x < 1200; x += 3 + r.IntN(5) {
		h := 60 + r.IntN(120)
		lean := r.IntN(30) - 15
		c.line(x, 800, x+lean, 800-h, 2, rgb{120, 110, 60}, 220)
		if r.IntN(4) == 0 {
			c.ellipse(x+lean, 800-h, 4, 14, rgb{150, 120, 80}, 230)
		}
	}
	// standing egrets
	for i := 0; i < 9; i++ {
		x, y := 120+r.IntN(960), 470+r.IntN(160)
		s := 6 + (y-440)/40
		white := rgb{250, 250, 246}
		c.ellipse(x, y, 3*s, s+s/2, white, 256)
		c.line(x+2*s, y-s/2, x+3*s, y-4*s, s/2+1, white, 256)
		c.ellipse(x+3*s+s/3, y-4*s, s*2/3+1, s/2+1, white, 256)
		c.line(x+4*s, y-4*s, x+5*s+s/2, y-4*s+s/3, 2, rgb{60, 60, 60}, 256)
		c.line(x, y+s, x-s/2, y+4*s, 2, rgb{40, 40, 40}, 256)
		c.line(x+s/2, y+s, x+s, y+4*s, 2, rgb{40, 40, 40}, 256)
		c.ellipse(x+s/4, y+4*s+s/2, 3*s, s/3+1, rgb{200, 200, 200}, 120) // reflection
	}
	// birds in flight
	for i := 0; i < 22; i++ {
		x, y := 300+r.IntN(700), 80+r.IntN(200)
		s := 5 + r.IntN(7)
		c.line(x-2*s, y-s, x, y, 2, rgb{50, 50, 60}, 256)
		c.line(x, y, x+2*s, y-s, 2, rgb{50, 50, 60}, 256)
	}
	c.grain(r, 4)
	return c
}

// oldPier: an old wooden pier with a sailing junk, for a grayscale archive picture.
func oldPier() *canvas {
	r := seeded(6)
	c := newCanvas(1200, 800)
	c.vGradient(0, 420, []stop{{0, rgb{170, 170, 170}}, {1000, rgb{230, 230, 230}}})
	c.poly([]pt{{0, 380}, {200, 360}, {340, 376}, {600, 350}, {860, 372}, {1200, 356}, {1200, 421}, {0, 421}}, rgb{120, 120, 120}, 256)
	// houses along the shore
	for x := 20; x < 560; x += 60 + r.IntN(30) {
		h := 40 + r.IntN(30)
		c.rect(x, 420-h, x+52, 420, rgb{90, 90, 90}, 256)
		c.poly([]pt{{x - 6, 420 - h}, {x + 26, 420 - h - 24}, {x + 58, 420 - h}}, rgb{50, 50, 50}, 256)
	}
	c.vGradient(420, 800, []stop{{0, rgb{180, 180, 180}}, {1000, rgb{100, 100, 100}}})
	for i := 0; i < 120; i++ {
		y := 425 + r.IntN(370)
		c.ellipse(r.IntN(1200), y, 20+r.IntN(60), 1+(y-420)/150, rgb{210, 210, 210}, 90)
	}
	// the pier: planks on posts running out to the right
	wood := rgb{60, 56, 52}
	c.poly([]pt{{0, 560}, {760, 440}, {780, 446}, {0, 600}}, wood, 256)
	for i := 0; i <= 12; i++ {
		x := i * 62
		y := 570 - i*10
		w := 12 - i*2/3
		c.rect(x, y, x+w, y+120-i*8, rgb{40, 38, 36}, 256)
	}
	// a junk with a battened sail
	c.poly([]pt{{860, 470}, {1080, 470}, {1050, 510}, {890, 510}}, rgb{40, 40, 40}, 256)
	c.rect(960, 240, 966, 470, rgb{40, 40, 40}, 256)
	c.poly([]pt{{900, 270}, {958, 250}, {958, 460}, {880, 456}}, rgb{96, 90, 86}, 256)
	for y := 280; y < 456; y += 26 {
		c.line(886, y+6, 958, y, 2, rgb{50, 50, 50}, 256)
	}
	c.grain(r, 10)
	c.vignette(150)
	return c
}

// stage: two performers in costume under spotlights, red curtains behind.
func stage() *canvas {
	r := seeded(7)
	c := newCanvas(1200, 800)
	c.rect(0, 0, 1200, 800, rgb{18, 12, 14}, 256)
	// curtains: vertical folds
	for x := 0; x < 1200; x++ {
		k := 140 + (x*7%60)*2
		if (x/30)%2 == 1 {
			k = 260 - (x*7%60)*2
		}
		for y := 0; y < 560; y++ {
			c.blend(x, y, shade(rgb{150, 22, 30}, k), 256)
		}
	}
	c.rect(0, 0, 1200, 70, rgb{120, 16, 24}, 256)
	for x := 0; x < 1200; x += 40 {
		c.ellipse(x+20, 70, 20, 10, rgb{200, 160, 60}, 256)
	}
	// the boards
	c.vGradient(560, 680, []stop{{0, rgb{120, 84, 50}}, {1000, rgb{70, 48, 30}}})
	// spotlights
	for _, x := range []int{470, 760} {
		c.poly([]pt{{x - 20, 0}, {x + 20, 0}, {x + 150, 640}, {x - 150, 640}}, rgb{255, 240, 200}, 50)
		c.ellipse(x, 640, 160, 26, rgb{255, 236, 190}, 90)
	}
	// two performers: flowing robes, water sleeves, head-dresses
	type actor struct {
		x          int
		robe, trim rgb
	}
	for _, a := range []actor{{470, rgb{236, 150, 180}, rgb{250, 236, 240}}, {760, rgb{90, 140, 210}, rgb{232, 240, 250}}} {
		x := a.x
		c.poly([]pt{{x - 40, 380}, {x + 40, 380}, {x + 90, 640}, {x - 90, 640}}, a.robe, 256)
		c.poly([]pt{{x - 40, 400}, {x - 130, 470}, {x - 150, 560}, {x - 110, 566}, {x - 96, 490}, {x - 30, 440}}, a.trim, 256)
		c.poly([]pt{{x + 40, 400}, {x + 110, 360}, {x + 150, 300}, {x + 176, 312}, {x + 130, 392}, {x + 36, 446}}, a.trim, 256)
		c.rect(x-8, 380, x+8, 640, shade(a.robe, 220), 256)
		c.ellipse(x, 345, 30, 36, rgb{250, 222, 210}, 256)
		c.ellipse(x, 312, 36, 20, rgb{20, 18, 24}, 256)
		for i := -2; i <= 2; i++ {
			c.ellipse(x+i*14, 296, 6, 6, rgb{240, 200, 80}, 256)
		}
	}
	// the audience in silhouette
	for row := 0; row < 3; row++ {
		y := 700 + row*45
		s := 22 + row*6
		for x := -r.IntN(s); x < 1200+s; x += 2*s + 10 + r.IntN(10) {
			c.ellipse(x, y+s*2, s*3/2, s, rgb{10, 8, 10}, 256)
			c.ellipse(x, y, s*2/3, s*4/5, rgb{14, 10, 12}, 256)
		}
	}
	c.grain(r, 5)
	return c
}

// evacuationDrill: people filing out of a dormitory block while smoke
// rises from an upper window and a fire engine stands by.
func evacuationDrill() *canvas {
	r := seeded(9)
	c := newCanvas(1600, 1067)
	c.vGradient(0, 760, []stop{{0, rgb{120, 150, 190}}, {1000, rgb{200, 214, 228}}})
	// the block, its windows and the entrance
	c.rect(260, 120, 1180, 760, rgb{222, 208, 184}, 256)
	c.rect(1120, 120, 1180, 760, rgb{196, 182, 160}, 256)
	c.rect(250, 104, 1190, 124, rgb{160, 150, 140}, 256)
	for fl := 0; fl < 6; fl++ {
		y := 150 + fl*95
		for k := 0; k < 8; k++ {
			x := 300 + k*105
			c.rect(x, y, x+70, y+58, rgb{90, 120, 150}, 256)
			c.rect(x+4, y+4, x+33, y+54, rgb{150, 180, 206}, 256)
			c.rect(x+37, y+4, x+66, y+54, rgb{140, 170, 198}, 256)
			c.rect(x-6, y+58, x+76, y+64, rgb{200, 190, 176}, 256)
		}
	}
	c.rect(620, 640, 820, 760, rgb{70, 60, 56}, 256)
	c.rect(640, 660, 800, 760, rgb{40, 36, 36}, 256)
	// smoke from a fifth-floor window
	c.rect(720, 245, 790, 303, rgb{230, 120, 40}, 220)
	for i := 0; i < 40; i++ {
		t := i * 6
		x := 760 + t/2 + r.IntN(40) - 20
		y := 250 - t
		g := 90 + r.IntN(60)
		c.ellipse(x, y, 30+t/3, 22+t/4, rgb{g, g, g + 6}, 70)
	}
	// the yard
	c.vGradient(760, 1067, []stop{{0, rgb{160, 160, 156}}, {1000, rgb{110, 110, 108}}})
	for x := 0; x < 1600; x += 160 {
		c.rect(x, 760, x+4, 1067, rgb{140, 140, 136}, 256)
	}
	// trees at the sides
	for _, t := range []pt{{120, 600}, {1340, 620}, {1500, 590}} {
		c.rect(t.x-8, t.y, t.x+8, t.y+170, rgb{80, 60, 44}, 256)
		for k := 0; k < 6; k++ {
			c.ellipse(t.x+r.IntN(100)-50, t.y-r.IntN(90), 60, 50, rgb{50 + r.IntN(30), 100 + r.IntN(30), 50}, 230)
		}
	}
	// the fire engine
	red := rgb{200, 30, 30}
	c.rect(1060, 800, 1480, 930, red, 256)
	c.rect(1400, 760, 1500, 930, red, 256)
	c.rect(1420, 776, 1490, 830, rgb{170, 200, 230}, 256)
	c.rect(1060, 880, 1500, 890, rgb{240, 240, 240}, 256)
	c.line(1080, 790, 1380, 760, 8, rgb{190, 190, 190}, 256)
	c.line(1080, 806, 1380, 776, 8, rgb{190, 190, 190}, 256)
	for x := 1100; x < 1380; x += 30 {
		c.line(x, 789-(x-1080)/10, x, 805-(x-1080)/10, 4, rgb{190, 190, 190}, 256)
	}
	for _, x := range []int{1130, 1230, 1430} {
		c.ellipse(x, 935, 38, 38, rgb{30, 30, 30}, 256)
		c.ellipse(x, 935, 16, 16, rgb{150, 150, 150}, 256)
	}
	c.rect(1460, 744, 1490, 760, rgb{60, 120, 250}, 256)
	// people filing out, some stooping with a hand over the mouth
	for i := 0; i < 16; i++ {
		x := 640 - i*26 + r.IntN(10)
		y := 790 + i*11
		s := 10 + i/2
		shirt := []rgb{{230, 120, 40}, {50, 80, 140}, {240, 240, 236}, {60, 120, 80}}[r.IntN(4)]
		c.poly([]pt{{x - s, y + 4*s}, {x - s*2/3, y + s}, {x + s*2/3, y + s}, {x + s, y + 4*s}}, shirt, 256)
		c.rect(x-s*2/3, y+4*s, x-s/6, y+7*s, rgb{40, 40, 50}, 256)
		c.rect(x+s/6, y+4*s, x+s*2/3, y+7*s, rgb{40, 40, 50}, 256)
		c.ellipse(x, y, s*2/3, s*3/4, rgb{226, 196, 170}, 256)
		c.ellipse(x, y-s/3, s*2/3, s/3, rgb{30, 26, 26}, 256)
		c.rect(x-s/2, y+s/6, x+s/2, y+s/2, rgb{250, 250, 250}, 230) // towel over the mouth
	}
	c.grain(r, 3)
	return c
}
