package text

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/units"
)

// article is a news story of the kind the composer sets all day: Han text
// with the usual marks, dates, numbers with units, Latin names and a URL.
const article = `3月16日，开发区召开2026年经济工作会议，传达学习全国“两会”精神，总结去年工作，部署全年重点任务。区委书记王某出席会议并讲话，区长李某主持会议。
会议指出，过去一年，全区上下坚持稳中求进工作总基调，地区生产总值达到1,234.5亿元，同比增长6.5%；一般公共预算收入完成98.7亿元，增长4.2%；城乡居民人均可支配收入分别增长5.1%和6.8%。“这些成绩来之不易，”王某说，“是全区干部群众苦干实干的结果。”
会议强调，今年是“十五五”规划的开局之年，要把握好“稳”与“进”的关系——稳住基本盘，打好主动仗。要加快建设现代化产业体系，推动人工智能（AI）、生物医药、新能源汽车等战略性新兴产业集群发展，力争全年新增规模以上工业企业50家以上，高新技术企业总数突破800家。
在优化营商环境方面，开发区将推进“一网通办”改革，企业开办时间压缩至1个工作日以内，政务服务事项网上可办率达到99%以上。市民可通过“开发区发布”微信公众号或访问https://www.example.gov.cn/service/index.html查询办事指南。
会议还对安全生产、生态环境保护、民生保障等工作作出部署。会议要求，各部门要以“时时放心不下”的责任感抓好落实，确保各项目标任务按期完成……据了解，开发区今年计划实施重点项目120个，总投资约560亿元，其中年内计划投资180亿元。
与会代表表示，将认真贯彻会议精神，立足岗位、真抓实干，为推动高质量发展贡献力量。来自园区企业的代表张三说：“我们今年准备再上两条生产线，产能预计提高30%左右。”另据统计，一季度全区新登记市场主体3,456户，同比增长12.3%，其中外资企业27家，涉及美国、德国、日本等国家和地区。
会议以电视电话会议形式召开，各街道、各部门设分会场。区领导班子成员，各街道、各部门主要负责人，部分企业、社会组织代表和“两代表一委员”共约600人参加会议。会后，与会人员还参观了区智能制造产业园、科技创新中心和新建成的城市书房。
据介绍，下一步，开发区将围绕“产业强区、创新兴区、开放活区、生态美区”目标，扎实推进各项改革举措落地见效，确保“十五五”开好局、起好步，以优异成绩向建区三十周年献礼。区统计局、发展改革局等部门负责人在会上作了发言，并就今年重点工作进行了交流。
记者从区发展改革局获悉，今年开发区将安排专项资金15亿元，重点支持企业技术改造、研发投入和人才引进。对新认定的国家级“专精特新”小巨人企业，给予一次性奖励100万元；对年度研发投入增长20%以上的企业，按增量部分的10%给予补助，最高不超过500万元。
在民生领域，开发区今年将新建、改扩建中小学和幼儿园8所，新增学位6,000个；新建社区养老服务中心12个，改造老旧小区45个，惠及居民约2.3万户。区卫生健康局负责人介绍，区人民医院新院区预计于今年10月投入使用，届时床位数将增加到1,200张。
“老百姓关心什么，我们就重点做什么。”区民政局局长赵某表示，今年将继续实施“一老一小”服务提升工程，推动养老托育服务向社区延伸。截至2月底，全区已建成“15分钟便民生活圈”23个，覆盖率达到85.6%。
在生态环境方面，开发区将持续打好蓝天、碧水、净土保卫战，全年PM2.5平均浓度控制在30微克/立方米以内，空气质量优良天数比例保持在85%以上。区生态环境局透露，今年还将完成3条河道的综合整治，新增绿地面积50万平方米。
专家认为，开发区提出的目标既积极又稳妥。某大学经济学院教授孙某在接受本报记者采访时说：“从产业结构和投资储备看，实现6%左右的增长是有基础的，关键在于项目能否按期落地、政策能否精准发力。”他建议，开发区应进一步加大对中小微企业的金融支持力度，用好再贷款、再贴现等工具，降低企业综合融资成本。`

func articleParagraphs() ([]string, int) {
	var ps []string
	chars := 0
	for _, p := range strings.Split(article, "\n") {
		ps = append(ps, p)
		chars += utf8.RuneCountInString(p)
	}
	return ps, chars
}

func benchCompose(b *testing.B, f Font) { benchComposeWith(b, f, false) }

// benchComposeWith composes the article b.N times. cold gives every
// iteration a new Composer, so nothing (buffers, segmentations) is
// remembered from the text's previous setting: the cost of an article
// seen for the first time. Warm reuses one Composer, as composing a page
// does when it sets the same text at several spans.
func benchComposeWith(b *testing.B, f Font, cold bool) {
	ps, chars := articleParagraphs()
	st := DefaultStyle(f, 9*units.Point, 13*9*units.Point)
	c := NewComposer()
	for _, p := range ps { // warm the buffers, as a long run does
		c.Compose(p, st)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if cold {
			c = NewComposer()
		}
		for _, p := range ps {
			c.Compose(p, st)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*chars), "ns/char")
	b.ReportMetric(float64(chars), "chars")
}

// BenchmarkComposeArticle sets a 1,500-character article at 13 characters
// of 9 pt in Noto Serif SC (the body face). Target: under 2 µs a character.
func BenchmarkComposeArticle(b *testing.B) {
	face, err := fonts.NewLibrary().Face("serif")
	if err != nil {
		b.Fatal(err)
	}
	benchCompose(b, face)
}

// BenchmarkComposeArticleCold is BenchmarkComposeArticle with a new
// Composer for every setting: an article the composer has never seen.
func BenchmarkComposeArticleCold(b *testing.B) {
	face, err := fonts.NewLibrary().Face("serif")
	if err != nil {
		b.Fatal(err)
	}
	benchComposeWith(b, face, true)
}

// BenchmarkComposeArticleFake is the same with the test font, to separate
// the composer's cost from the font's lookups.
func BenchmarkComposeArticleFake(b *testing.B) { benchCompose(b, fakeFont{}) }

// BenchmarkComposeLong sets one paragraph of 10,000 and of 100,000
// characters (the article's text run together), to show that the cost a
// character, in time and in memory, does not grow with the paragraph.
// The figure to watch is B/char (bytes allocated a character): issue 10
// measured about 600.
func BenchmarkComposeLong(b *testing.B) {
	face, err := fonts.NewLibrary().Face("serif")
	if err != nil {
		b.Fatal(err)
	}
	one := strings.ReplaceAll(article, "\n", "")
	st := DefaultStyle(face, 9*units.Point, 13*9*units.Point)
	for _, n := range []int{10_000, 100_000} {
		var sb strings.Builder
		for utf8.RuneCountInString(sb.String()) < n {
			sb.WriteString(one)
		}
		rs := []rune(sb.String())[:n]
		par := string(rs)
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			b.ReportAllocs()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			for i := 0; i < b.N; i++ {
				NewComposer().Compose(par, st) // a new Composer: the paragraph seen for the first time
			}
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.TotalAlloc-before)/float64(b.N*n), "B/char")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/char")
		})
	}
}
