package net.gatehouse.appliance.persist;

/**
 * What a persistence record is found by: the method, its key (a masked client address, a cookie
 * value, a session id) and the scope the profile's {@code match-across-*} settings give it.
 *
 * @param scope {@code <virtual scope> <pool scope>}: the virtual's full path, its address
 *              ({@code match-across-services}) or {@code *} ({@code match-across-virtuals}), then
 *              the pool's full path or {@code *} ({@code match-across-pools})
 */
public record PersistKey(PersistMode mode, String key, String scope) {
}
