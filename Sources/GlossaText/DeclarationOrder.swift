/// Enums ordered as their cases are declared (best first), so each needs no rank table of its own.
public protocol DeclarationOrdered: CaseIterable, Comparable, Equatable {}

extension DeclarationOrdered {
    /// One pass over the cases: whichever of the two comes first is the smaller.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        guard lhs != rhs else { return false }
        for candidate in allCases {
            if candidate == lhs { return true }
            if candidate == rhs { return false }
        }
        return false
    }
}
