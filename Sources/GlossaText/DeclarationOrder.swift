/// Enums ordered as their cases are declared (best first), so each needs no rank table of its own.
public protocol DeclarationOrdered: CaseIterable, Comparable, Equatable {}

extension DeclarationOrdered {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        let cases = Array(allCases)
        return cases.firstIndex(of: lhs)! < cases.firstIndex(of: rhs)!
    }
}
