package io.higress.fleet.sim;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** RestAssured requests to a simulated fleet's facade, as each role. */
public final class FleetApi {

    private FleetApi() {
    }

    public static RequestSpecification asAdmin() {
        return RestAssured.given().auth().oauth2(SimulatedCredentials.ADMIN_KEY);
    }

    public static RequestSpecification asOperator() {
        return RestAssured.given().auth().oauth2(SimulatedCredentials.OPERATOR_KEY);
    }

    public static RequestSpecification asViewer() {
        return RestAssured.given().auth().oauth2(SimulatedCredentials.VIEWER_KEY);
    }
}
