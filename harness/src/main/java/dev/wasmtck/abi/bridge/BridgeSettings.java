package dev.wasmtck.abi.bridge;

import org.apiguardian.api.API;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The async-bridge settings of one case (its {@code host:} section), immutable.
 *
 * @param answers the behaviours of {@code get}: one for every call when {@code scripted} is false,
 *     otherwise the Nth call uses the Nth and further calls are a protocol fault
 * @param scripted whether the case gave a list
 * @param placement where payloads go in guest memory
 * @param forms the forms the case is written for; a guest of another form does not run it. Empty: any form
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BridgeSettings(List<GetBehaviour> answers, boolean scripted, Placement placement, Set<BridgeForm> forms) {

    /** Echo every get, place payloads with the guest's allocator. */
    public static final BridgeSettings DEFAULT =
            new BridgeSettings(List.of(new GetBehaviour.Echo(Duration.ZERO)), false, Placement.ALLOCATOR, Set.of());

    public BridgeSettings {
        answers = List.copyOf(answers);
        forms = Set.copyOf(forms);
        Objects.requireNonNull(placement, "placement");
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("at least one get behaviour is needed");
        }
        if (!scripted && answers.size() != 1) {
            throw new IllegalArgumentException("an unscripted get has exactly one behaviour");
        }
    }

    /** Every get behaves the same way. */
    public static BridgeSettings every(GetBehaviour behaviour, Placement placement) {
        return new BridgeSettings(List.of(behaviour), false, placement, Set.of());
    }

    /** The Nth get uses the Nth behaviour. */
    public static BridgeSettings script(List<GetBehaviour> answers, Placement placement) {
        return new BridgeSettings(answers, true, placement, Set.of());
    }

    public BridgeSettings withPlacement(Placement newPlacement) {
        return new BridgeSettings(answers, scripted, newPlacement, forms);
    }

    public BridgeSettings withForms(Set<BridgeForm> newForms) {
        return new BridgeSettings(answers, scripted, placement, newForms);
    }

    /** Whether a guest of this form runs the case. */
    public boolean appliesTo(BridgeForm form) {
        return forms.isEmpty() || forms.contains(form);
    }

    /** The behaviour of get number {@code n} (1-based); empty when the script has no answer for it. */
    public Optional<GetBehaviour> forGet(int n) {
        if (!scripted) {
            return Optional.of(answers.get(0));
        }
        return n >= 1 && n <= answers.size() ? Optional.of(answers.get(n - 1)) : Optional.empty();
    }
}
