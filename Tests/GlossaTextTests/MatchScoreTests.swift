import GlossaMatching
import Testing

@Suite struct MatchScoreTests {
    func score(_ query: String, _ candidate: String, minimum: Int = 0) -> MatchScore? {
        MatchScore.compute(query: ComparableText(query), candidate: ComparableText(candidate), minimum: minimum)
    }

    @Test func identicalTextScores100() {
        #expect(score("Putin arrived in Beijing.", "Putin arrived in Beijing.")?.value == 100)
        #expect(score("Putin arrived in Beijing.", "Putin arrived in Beijing.")?.kind == .exact)
    }

    @Test func caseWidthOrSpacingOnlyScores99() {
        let result = score("Putin arrived in Beijing.", "PUTIN  arrived in Ｂｅｉｊｉｎｇ.")
        #expect(result?.value == 99)
        #expect(result?.kind == .normalized)
    }

    @Test func oneWordOfTenChangedScores90() {
        let result = score(
            "one two three four five six seven eight nine ten",
            "one two three four five six seven eight nine eleven")
        #expect(result?.value == 90)
        #expect(result?.edits == 1)
    }

    @Test func punctuationWeighsHalf() {
        // 4 words + 1 mark = 4.5; the missing mark costs 0.5: 100 × (1 − 0.5/4.5) = 88.9
        #expect(score("Putin arrived in Beijing.", "Putin arrived in Beijing")?.value == 88)
    }

    @Test func minimumCutsOffEarly() {
        #expect(score("a b c d", "w x y z", minimum: 50) == nil)
        #expect(score("a b c d", "w x y z")?.value == 0)
    }

    @Test func chineseIsComparedByWords() {
        // 普 / 京 / 抵达 / 北京 vs 普 / 京 / 抵达 / 哈尔滨: one word of four.
        #expect(score("普京抵达北京", "普京抵达哈尔滨")?.value == 75)
    }

    @Test func scoreIsSymmetricInLength() {
        #expect(score("a b c", "a b c d e f")?.value == score("a b c d e f", "a b c")?.value)
    }
}
